import { logEvent } from "@svc/platform";

interface Job {
  name: string;
  run: (env: OrgEnv, now: number) => Promise<Record<string, number>>;
}

const JOBS: Job[] = [
  {
    name: "personal-org-sweep",
    run: async (env, now) => (await import("./personal-org-sweep")).sweepMemberlessPersonalOrgs(env, now),
  },
];

/** Every job runs on every tick (each decides what is due); one failing does not stop the others. */
export async function runScheduled(env: OrgEnv, now: number) {
  for (const job of JOBS) {
    try {
      logEvent("info", { service: "org-service", job: job.name, ...(await job.run(env, now)) });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      logEvent("error", { service: "org-service", job: job.name, error: error.name, message: error.message });
    }
  }
}
