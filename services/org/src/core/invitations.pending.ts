import { and, count, eq, gt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { invitation } from "../db/schema";

/**
 * An organization's pending invitations that hold a seat: not accepted, revoked or expired. The
 * `status = 'pending'` term lets SQLite read the partial index on pending rows
 * (`invitation_one_pending_per_email`, keyed by organization), never the whole table.
 */
const holdingSeats = (organizationId: string, now: number): SQL =>
  and(
    eq(invitation.organizationId, organizationId),
    eq(invitation.status, "pending"),
    gt(invitation.expiresAt, now),
  )!;

/** The same count as a subquery, for a write that checks the seat limit in its own statement. */
export const pendingCountSql = (organizationId: string, now: number) =>
  sql`(select count(*) from ${invitation} where ${holdingSeats(organizationId, now)})`;

/** The count query itself (its plan is pinned by a test). */
export const pendingInvitationsQuery = (db: Db, organizationId: string, now: number) =>
  db.select({ n: count() }).from(invitation).where(holdingSeats(organizationId, now));

/** How many pending invitations hold a seat in the organization now: one indexed query. */
export async function pendingInvitations(db: Db, organizationId: string, now: number): Promise<number> {
  const [row] = await pendingInvitationsQuery(db, organizationId, now);
  return row?.n ?? 0;
}
