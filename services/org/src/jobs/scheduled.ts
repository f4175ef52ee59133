import { logJob } from "@svc/platform";
import { run as expireIdempotencyKeys } from "./idempotency-keys";
import { run as sweepImages } from "./image-sweep";
import { sweepMemberlessPersonalOrgs } from "./personal-org-sweep";
import { purgeDeleted } from "./purge";

/** Every job runs on every tick of the one cron (every 15 minutes) and decides itself what is due. */
const JOBS: { name: string; run: (env: OrgEnv, now: number) => Promise<Record<string, number>> }[] = [
  { name: "idempotency-keys", run: expireIdempotencyKeys },
  { name: "personal-org-sweep", run: sweepMemberlessPersonalOrgs },
  { name: "purge", run: purgeDeleted },
  { name: "image-sweep", run: sweepImages },
];

/** Runs each job in order; one failing job is logged and does not stop the others. */
export async function runScheduled(env: OrgEnv, now: number) {
  for (const job of JOBS) {
    try {
      logJob("org-service", job.name, { counts: await job.run(env, now) });
    } catch (error) {
      logJob("org-service", job.name, { error });
    }
  }
}
