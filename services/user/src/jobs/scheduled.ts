import { logJob } from "@svc/platform";
import { run as sweepAvatars } from "./avatar-sweep";
import { run as expireIdempotencyKeys } from "./idempotency-keys";
import { run as sweepSyncLeases } from "./sync-leases";

/** Every job runs on every tick of the one cron (every 15 minutes) and decides itself what is due. */
const JOBS: { name: string; run: (env: UserEnv, now: number) => Promise<Record<string, number>> }[] = [
  { name: "idempotency-keys", run: expireIdempotencyKeys },
  { name: "avatar-sweep", run: sweepAvatars },
  { name: "sync-leases", run: sweepSyncLeases },
];

/** Runs each job in order; one failing job is logged and does not stop the others. */
export async function runScheduled(env: UserEnv, now: number) {
  for (const job of JOBS) {
    try {
      logJob("user-service", job.name, { counts: await job.run(env, now) });
    } catch (error) {
      logJob("user-service", job.name, { error });
    }
  }
}
