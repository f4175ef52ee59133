import { logJob } from "@svc/platform";
import { purgeDeleted } from "./purge";

/** Every scheduled job, run in order on each cron tick; each decides itself whether work is due. */
const JOBS: { name: string; run: (env: OrgEnv, now: number) => Promise<Record<string, number>> }[] = [
  { name: "purge", run: purgeDeleted },
];

/** Runs every job, each in its own try/catch, logging one JSON line per job with its counts. */
export async function runScheduled(env: OrgEnv, now: number): Promise<void> {
  for (const job of JOBS) {
    try {
      logJob("org-service", job.name, { counts: await job.run(env, now) });
    } catch (error) {
      logJob("org-service", job.name, { error });
    }
  }
}
