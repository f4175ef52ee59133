import type { Permissions } from "@svc/contracts";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type UserRow, user } from "../../db/schema";

export type UserRecord = Omit<UserRow, "permissions"> & { permissions: Permissions };
export type NewUser = Omit<typeof user.$inferInsert, "permissions"> & { permissions: Permissions };

const decode = (row: UserRow): UserRecord => ({
  ...row,
  permissions: JSON.parse(row.permissions) as Permissions,
});
const live = isNull(user.deletedAt);

export async function insertUser(db: Db, values: NewUser): Promise<UserRecord> {
  const [row] = await db
    .insert(user)
    .values({ ...values, permissions: JSON.stringify(values.permissions) })
    .returning();
  return decode(row!);
}

export async function findUser(db: Db, id: string): Promise<UserRecord | null> {
  const row = await db.query.user.findFirst({ where: and(eq(user.id, id), live) });
  return row ? decode(row) : null;
}

export async function findUserByAuthId(db: Db, betterAuthUserId: string): Promise<UserRecord | null> {
  const row = await db.query.user.findFirst({
    where: and(eq(user.betterAuthUserId, betterAuthUserId), live),
  });
  return row ? decode(row) : null;
}

/** Keyset page over (organization_id, id): one indexed range scan whatever the depth. */
export async function listUsersInOrganization(
  db: Db,
  organizationId: string,
  page: { after?: string; limit: number },
): Promise<UserRecord[]> {
  const rows = await db
    .select()
    .from(user)
    .where(
      and(eq(user.organizationId, organizationId), live, page.after ? gt(user.id, page.after) : undefined),
    )
    .orderBy(asc(user.id))
    .limit(page.limit);
  return rows.map(decode);
}
