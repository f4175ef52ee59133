import { expireIdempotencyKeys } from "@svc/platform";

/** Deletes `Idempotency-Key` answers older than 24 h, a bounded number per run. */
export const run = (env: OrgEnv, now: number) => expireIdempotencyKeys(env.DB, now);
