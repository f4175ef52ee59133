import { and, eq, sql } from "drizzle-orm";
import { auditedBatch, type Writer } from "../../core/audit";
import { encodePermissions, live, userEntry } from "../../core/users";
import type { Db } from "../../db/client";
import { user } from "../../db/schema";
import { defaultPermissions } from "../../lib/permissions";

const isOwner = (organizationId: string, id: string) =>
  sql`EXISTS (SELECT 1 FROM "user" AS o WHERE o.id = ${id} AND o.organization_id = ${organizationId} AND o.role = 'owner' AND o.deleted_at IS NULL)`;

const inOrg = (organizationId: string, id: string) =>
  and(eq(user.id, id), eq(user.organizationId, organizationId), live);

const setRole = (db: Db, role: "owner" | "admin", now: number) =>
  db.update(user).set({ role, permissions: encodePermissions(defaultPermissions(role)), updatedAt: now });

/**
 * One batch: promote the target while the caller is still an owner, then demote the caller only
 * if that promotion happened (`changes() > 0` reads the promotion's row count). The owner count
 * never drops: it rises by one, then falls by one, or neither happens. D1 runs a batch alone, so
 * a concurrent transfer or demotion sees either none or all of it.
 */
export async function transferOwnership(
  writer: Writer,
  t: { organizationId: string; fromUserId: string; toUserId: string },
): Promise<boolean> {
  const now = Date.now();
  const { db } = writer;
  const metadata = { from: t.fromUserId, to: t.toUserId };
  const [promoted] = await auditedBatch(
    writer,
    [
      {
        statement: setRole(db, "owner", now)
          .where(and(inOrg(t.organizationId, t.toUserId), isOwner(t.organizationId, t.fromUserId)))
          .returning({ id: user.id }),
        audit: [userEntry(t.organizationId, t.toUserId, "user.ownership.receive", metadata)],
      },
      {
        statement: setRole(db, "admin", now).where(
          and(inOrg(t.organizationId, t.fromUserId), eq(user.role, "owner"), sql`changes() > 0`),
        ),
        audit: [userEntry(t.organizationId, t.fromUserId, "user.ownership.transfer", metadata)],
      },
    ],
    now,
  );
  return promoted.length > 0;
}
