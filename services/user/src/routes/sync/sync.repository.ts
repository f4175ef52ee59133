import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { syncLease, user } from "../../db/schema";

/** Longer than the org-service timeout, so a live holder never loses its lease mid-call. */
const LEASE_MS = 15_000;

/**
 * Takes the sync lease for a Better Auth user unless another request holds an unexpired one.
 * Returns the user id this attempt may reserve for the identity, or null.
 */
export async function claimLease(
  db: Db,
  betterAuthUserId: string,
  candidateUserId: string,
): Promise<{ userId: string } | null> {
  const now = Date.now();
  const [row] = await db
    .insert(syncLease)
    .values({ betterAuthUserId, userId: candidateUserId, expiresAt: now + LEASE_MS })
    .onConflictDoUpdate({
      target: syncLease.betterAuthUserId,
      set: { expiresAt: now + LEASE_MS },
      setWhere: lt(syncLease.expiresAt, now),
    })
    .returning({ userId: syncLease.userId });
  return row ?? null;
}

/** Lets the next attempt in at once. The row goes: a lease outlives its request only if the worker died. */
export async function releaseLease(db: Db, betterAuthUserId: string): Promise<void> {
  await deleteLeaseQuery(db, betterAuthUserId);
}

/** Undoes the row a failed attempt reserved, only while it is still without an organization. */
export const removeReservedUserQuery = (db: Db, id: string) =>
  db.delete(user).where(and(eq(user.id, id), isNull(user.organizationId)));

export const deleteLeaseQuery = (db: Db, betterAuthUserId: string) =>
  db.delete(syncLease).where(eq(syncLease.betterAuthUserId, betterAuthUserId));
