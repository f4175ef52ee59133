import { expireIdempotencyKeys } from "@svc/platform";

/** Deletes `Idempotency-Key` answers older than 24 h, a bounded number per run. */
export const run = (env: UserEnv, now: number) => expireIdempotencyKeys(env.DB, now);
