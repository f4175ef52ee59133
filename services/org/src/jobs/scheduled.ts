import { logLine } from "@svc/platform";

/** Every job runs every 15 minutes, in order; each decides itself whether anything is due. */
const JOBS: { name: string; run: (env: OrgEnv, now: number) => Promise<Record<string, number>> }[] = [
  { name: "image-sweep", run: async (env, now) => (await import("./image-sweep")).run(env, now) },
];

export async function runScheduled(env: OrgEnv, now: number) {
  for (const job of JOBS) {
    try {
      logLine({ service: "org-service", job: job.name, ...(await job.run(env, now)) });
    } catch (err) {
      console.error(
        JSON.stringify({
          level: "error",
          service: "org-service",
          job: job.name,
          error: err instanceof Error ? err.name : "unknown",
          message: err instanceof Error ? err.message.split("params:")[0]?.trim() : undefined,
        }),
      );
    }
  }
}
