import { type Permissions, PermissionsSchema } from "@svc/contracts";
import { ApiError, perObject, type Role, uniqueViolation } from "@svc/platform";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type UserRow, user } from "../db/schema";
import { type AuditEntry, auditedBatch, type Writer } from "./audit";

export type UserRecord = Omit<UserRow, "permissions"> & { permissions: Permissions };
export type NewUser = Omit<typeof user.$inferInsert, "permissions"> & { permissions: Permissions };
export type UserPatch = Partial<Omit<NewUser, "id" | "createdAt">>;

export const decodeUser = (row: UserRow): UserRecord => ({
  ...row,
  permissions: JSON.parse(row.permissions) as Permissions,
});
/** Every write of the permissions column goes through the contract schema. */
export const encodePermissions = (permissions: Permissions) =>
  JSON.stringify(PermissionsSchema.parse(permissions));

export const live = isNull(user.deletedAt);

/** A move that only applies while the user is still where the caller last saw them. */
export const memberOf = (organizationId: string) => eq(user.organizationId, organizationId);

/**
 * True unless the row is its organization's only live owner. Evaluated inside the UPDATE itself,
 * so two concurrent demotions cannot both pass a separate count.
 */
export const notLastOwner = (organizationId: string) =>
  sql`(${user.role} <> 'owner' OR (SELECT count(*) FROM "user" AS o WHERE o.organization_id = ${organizationId} AND o.role = 'owner' AND o.deleted_at IS NULL) > 1)`;

export const insertUserQuery = (db: Db, values: NewUser) =>
  db
    .insert(user)
    .values({ ...values, permissions: encodePermissions(values.permissions) })
    .returning();

/** Links an organization-less user to its new organization (sync provisioning). */
export const attachOrganizationQuery = (
  db: Db,
  id: string,
  patch: { organizationId: string; role: Role; permissions: Permissions; updatedAt: number },
) =>
  db
    .update(user)
    .set({ ...patch, permissions: encodePermissions(patch.permissions) })
    .where(and(eq(user.id, id), isNull(user.organizationId), live))
    .returning();

/** Core selects rather than the relational `findFirst` for the lookups on every request. */
const firstLive = async (db: Db, where: SQL | undefined): Promise<UserRecord | null> => {
  const [row] = await db.select().from(user).where(and(where, live)).limit(1);
  return row ? decodeUser(row) : null;
};

export const findUser = (db: Db, id: string) => firstLive(db, eq(user.id, id));

/**
 * profilePictureUrl per user, deleted users included (their row still points at the object), for
 * the given ids (at most 90 per statement).
 */
export async function findPictureUrls(db: Db, ids: string[]) {
  const urls = new Map<string, string | null>();
  for (let at = 0; at < ids.length; at += 90) {
    const rows = await db
      .select({ id: user.id, url: user.profilePictureUrl })
      .from(user)
      .where(inArray(user.id, ids.slice(at, at + 90)));
    for (const row of rows) urls.set(row.id, row.url);
  }
  return urls;
}

/** A live user of this organization; another tenant's user is indistinguishable from none. */
export async function findUserInOrganization(
  db: Db,
  id: string,
  organizationId: string,
): Promise<UserRecord | null> {
  const row = await db.query.user.findFirst({
    where: and(eq(user.id, id), eq(user.organizationId, organizationId), live),
  });
  return row ? decodeUser(row) : null;
}

/** Prepared once per D1 binding: every request with a JWT resolves its subject through it. */
const liveByAuthId = perObject((db: Db) =>
  db
    .select()
    .from(user)
    .where(and(eq(user.betterAuthUserId, sql.placeholder("betterAuthUserId")), live))
    .limit(1)
    .prepare(),
);

export async function findUserByAuthId(db: Db, betterAuthUserId: string): Promise<UserRecord | null> {
  const [row] = await liveByAuthId(db).all({ betterAuthUserId });
  return row ? decodeUser(row) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | null> {
  const row = await db.query.user.findFirst({ where: and(eq(user.email, email), live) });
  return row ? decodeUser(row) : null;
}

/** The update of a live user when `condition` holds, for a batch. */
export function updateUserQuery(db: Db, id: string, patch: UserPatch, condition?: SQL) {
  const { permissions, ...rest } = patch;
  return db
    .update(user)
    .set({ ...rest, ...(permissions ? { permissions: encodePermissions(permissions) } : {}) })
    .where(and(eq(user.id, id), live, condition))
    .returning();
}

/**
 * Updates a live user when `condition` holds, with its audit entries in the same batch; null
 * when no row matched (and then no entry is written).
 */
export async function updateUser(
  writer: Writer,
  id: string,
  patch: UserPatch,
  audit: AuditEntry[],
  condition?: SQL,
): Promise<UserRecord | null> {
  const [[row]] = await auditedBatch(writer, [
    { statement: updateUserQuery(writer.db, id, patch, condition), audit },
  ]);
  return row ? decodeUser(row) : null;
}

/** The audit entry of a change to one user, filed under the organization it happened in. */
export const userEntry = (
  organizationId: string,
  userId: string,
  action: string,
  metadata?: Record<string, unknown>,
): AuditEntry => ({ organizationId, action, resourceType: "user", resourceId: userId, metadata });

/** Maps a unique-index violation on the user table to the 409 the caller can act on. */
export function userConflict(err: unknown): ApiError | null {
  const columns = uniqueViolation(err);
  if (columns?.includes("email")) return new ApiError("CONFLICT", "A user with this email exists");
  if (columns?.includes("better_auth_user_id")) {
    return new ApiError("CONFLICT", "A user with this betterAuthUserId exists");
  }
  return null;
}
