import { inArray, lt } from "drizzle-orm";
import { createDb } from "../db/client";
import { syncLease } from "../db/schema";

/** A lease expired this long ago belongs to no sync in progress or about to retry. */
export const LEASE_SWEEP_AGE_MS = 60 * 60_000;
const PER_RUN = 500;

/**
 * Deletes up to 500 sync leases that expired over an hour ago. A sync deletes its lease on every
 * outcome, but that delete is itself a D1 write: when D1 fails there (or the worker dies mid-flow)
 * the lease stays. It blocks nothing (the next sync of that identity takes an expired lease over);
 * this only keeps the table from growing.
 */
export async function run(env: UserEnv, now: number) {
  const db = createDb(env.DB);
  const expired = db
    .select({ id: syncLease.betterAuthUserId })
    .from(syncLease)
    .where(lt(syncLease.expiresAt, now - LEASE_SWEEP_AGE_MS))
    .limit(PER_RUN);
  const deleted = await db
    .delete(syncLease)
    .where(inArray(syncLease.betterAuthUserId, expired))
    .returning({ id: syncLease.betterAuthUserId });
  return { deleted: deleted.length };
}
