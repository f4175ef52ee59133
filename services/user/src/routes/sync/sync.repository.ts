import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { syncLease, user } from "../../db/schema";

/** Longer than the org-service timeout, so a live holder never loses its lease mid-call. */
const LEASE_MS = 15_000;

/**
 * Takes the sync lease for a Better Auth user unless another request holds an unexpired one.
 * Returns the user id reserved for this identity (kept across failed attempts), or null.
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

/** Lets the next attempt in at once; the reserved user id stays for it. */
export async function releaseLease(db: Db, betterAuthUserId: string): Promise<void> {
  await db.update(syncLease).set({ expiresAt: 0 }).where(eq(syncLease.betterAuthUserId, betterAuthUserId));
}

export const deleteLeaseQuery = (db: Db, betterAuthUserId: string) =>
  db.delete(syncLease).where(eq(syncLease.betterAuthUserId, betterAuthUserId));

/**
 * Run in the same batch right after inserting `userId` into `organizationId`: removes that user
 * again when the organization now has more live members than `seatLimit`. A batch runs alone, so
 * two concurrent joins count each other and at most the limit stays.
 */
export const undoIfOverSeatsQuery = (db: Db, userId: string, organizationId: string, seatLimit: number) =>
  db
    .delete(user)
    .where(
      and(
        eq(user.id, userId),
        sql`(select count(*) from ${user} where ${user.organizationId} = ${organizationId} and ${user.deletedAt} is null) > ${seatLimit}`,
      ),
    )
    .returning({ id: user.id });

/** Compensation for a join the org service would not record: the row never became a membership. */
export const removeJoinedUserQuery = (db: Db, userId: string) =>
  db.delete(user).where(and(eq(user.id, userId), isNull(user.deletedAt)));
