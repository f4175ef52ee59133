import { and, eq, gt, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { newestFirstPage, type PageQuery } from "../../core/newest-first";
import type { Db } from "../../db/client";
import { type InvitationRow, invitation, organization } from "../../db/schema";

type NewInvitation = typeof invitation.$inferInsert & { id: string; expiresAt: number; createdAt: number };
type Status = InvitationRow["status"];

/** The stored condition behind each status a reader sees (expired is computed, not only written). */
const statusWhere = (status: Status, now: number): SQL | undefined => {
  const pending = eq(invitation.status, "pending");
  if (status === "pending") return and(pending, gt(invitation.expiresAt, now));
  if (status === "expired")
    return or(and(pending, lte(invitation.expiresAt, now)), eq(invitation.status, "expired"));
  return eq(invitation.status, status);
};

export const invitationsPage = <Item extends { id: string }>(
  db: Db,
  organizationId: string,
  query: PageQuery & { status?: Status },
  now: number,
  toItem: (row: InvitationRow) => Item,
) =>
  newestFirstPage(
    db,
    invitation,
    organizationId,
    query,
    toItem,
    query.status ? statusWhere(query.status, now) : undefined,
  );

export async function findInvitation(db: Db, organizationId: string, id: string) {
  return (
    (await db.query.invitation.findFirst({
      where: and(eq(invitation.id, id), eq(invitation.organizationId, organizationId)),
    })) ?? null
  );
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return (await db.query.invitation.findFirst({ where: eq(invitation.tokenHash, tokenHash) })) ?? null;
}

/** The email's open invitation in the organization, expired or not (the unique index allows one). */
export async function findPendingFor(db: Db, organizationId: string, email: string) {
  return (
    (await db.query.invitation.findFirst({
      where: and(
        eq(invitation.organizationId, organizationId),
        eq(invitation.email, email),
        eq(invitation.status, "pending"),
      ),
    })) ?? null
  );
}

/** Frees the email's slot held by an invitation that expired unaccepted. */
export const markExpiredStatement = (db: Db, id: string, now: number) =>
  db
    .update(invitation)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(invitation.id, id), eq(invitation.status, "pending"), lte(invitation.expiresAt, now)))
    .returning({ id: invitation.id });

/**
 * Inserts the invitation only while members + live pending invitations stay within `seats`
 * (null: no limit). The pending count is read by the insert itself, so two concurrent invites
 * cannot both take the last seat; `members` comes from the user service just before.
 */
export const insertInvitationStatement = (
  db: Db,
  row: NewInvitation,
  seats: { limit: number | null; members: number },
) =>
  db
    .insert(invitation)
    .select(
      sql`select ${row.id}, ${row.organizationId}, ${row.email}, ${row.role}, 'pending', ${row.tokenHash},
        ${row.expiresAt}, ${row.invitedBy ?? null}, null, null, null, ${row.createdAt}, ${row.createdAt}
        where ${seats.limit} is null or (select count(*) from ${invitation}
          where ${invitation.organizationId} = ${row.organizationId} and ${invitation.status} = 'pending'
          and ${invitation.expiresAt} > ${row.createdAt}) + ${seats.members} < ${seats.limit}`,
    )
    .returning();

export const revokeStatement = (db: Db, organizationId: string, id: string, now: number) =>
  db
    .update(invitation)
    .set({ status: "revoked", revokedAt: now, updatedAt: now })
    .where(
      and(
        eq(invitation.id, id),
        eq(invitation.organizationId, organizationId),
        eq(invitation.status, "pending"),
      ),
    )
    .returning();

/** Rotates the token (the old link stops working) and extends the expiry, if still pending and unchanged. */
export const rotateStatement = (
  db: Db,
  row: InvitationRow,
  next: { tokenHash: string; expiresAt: number },
  now: number,
) =>
  db
    .update(invitation)
    .set({ ...next, updatedAt: now })
    .where(
      and(
        eq(invitation.id, row.id),
        eq(invitation.status, "pending"),
        eq(invitation.tokenHash, row.tokenHash),
      ),
    )
    .returning();

/** Claims a live pending invitation for `userId`; no row when another request claimed it first. */
export const claimStatement = (db: Db, id: string, userId: string, now: number) =>
  db
    .update(invitation)
    .set({ status: "accepted", acceptedBy: userId, acceptedAt: now, updatedAt: now })
    .where(and(eq(invitation.id, id), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)))
    .returning();

/**
 * Retires the accepting user's personal organization, only if this user's claim of the invitation
 * is what the batch just wrote (so a losing claim never retires anything).
 */
export const retireForClaimStatement = (
  db: Db,
  personalOrgId: string,
  invitationId: string,
  userId: string,
  now: number,
) =>
  db
    .update(organization)
    .set({ deletedAt: now, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(
      and(
        eq(organization.id, personalOrgId),
        isNull(organization.deletedAt),
        sql`exists (select 1 from ${invitation} where ${invitation.id} = ${invitationId}
          and ${invitation.acceptedBy} = ${userId} and ${invitation.acceptedAt} = ${now})`,
      ),
    )
    .returning({ id: organization.id });

/** Compensation: gives back a claim this request made (the move into the organization failed). */
export const unclaimStatement = (db: Db, id: string, userId: string, acceptedAt: number) =>
  db
    .update(invitation)
    .set({ status: "pending", acceptedBy: null, acceptedAt: null, updatedAt: acceptedAt })
    .where(
      and(eq(invitation.id, id), eq(invitation.acceptedBy, userId), eq(invitation.acceptedAt, acceptedAt)),
    );
