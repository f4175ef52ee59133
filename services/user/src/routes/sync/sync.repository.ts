import type { Permissions } from "@svc/contracts";
import type { Role } from "@svc/platform";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { encodePermissions } from "../../core/users";
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

/**
 * Moves a reserved row (still without an organization) into `patch.organizationId`, only while
 * that organization has fewer live members than `seatLimit`: the count and the write are one
 * statement, so two concurrent joins count each other and at most the limit is reached.
 */
export const joinWithinSeatsQuery = (
  db: Db,
  id: string,
  patch: { organizationId: string; role: Role; permissions: Permissions; updatedAt: number },
  seatLimit: number,
) =>
  db
    .update(user)
    .set({ ...patch, permissions: encodePermissions(patch.permissions) })
    .where(
      and(
        eq(user.id, id),
        isNull(user.organizationId),
        isNull(user.deletedAt),
        sql`(select count(*) from ${user} where ${user.organizationId} = ${patch.organizationId} and ${user.deletedAt} is null) < ${seatLimit}`,
      ),
    )
    .returning();

/** Undoes a join the org service would not record: the row goes back to having no organization. */
export const detachJoinedUserQuery = (db: Db, id: string, organizationId: string) =>
  db
    .update(user)
    .set({ organizationId: null })
    .where(and(eq(user.id, id), eq(user.organizationId, organizationId), isNull(user.deletedAt)));
