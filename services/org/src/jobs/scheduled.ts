import { logEvent } from "@svc/platform";
import { recheckDomains } from "./domain-recheck";

/** Every job runs on every tick (every 15 minutes) and decides itself whether anything is due. */
const JOBS: { name: string; run: (env: OrgEnv, now: number) => Promise<Record<string, number>> }[] = [
  { name: "domain-recheck", run: recheckDomains },
];

export async function runScheduled(env: OrgEnv, now: number) {
  for (const job of JOBS) {
    try {
      const counts = await job.run(env, now);
      logEvent("info", { job: job.name, ...counts });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      logEvent("error", {
        job: job.name,
        error: error.name,
        message: error.message.split("params:")[0]?.trim(),
      });
    }
  }
}
