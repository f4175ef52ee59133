import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type AuditLogRow, auditLog } from "../../db/schema";

/** Newest first: one range read of the `(organization_id, id)` index. */
export const auditRows = (db: Db, organizationId: string, before: string | undefined, limit: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), before ? lt(auditLog.id, before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit);

/** Deletes at most `limit` entries older than `before`, oldest first (the `at` index). */
export async function purgeAuditRows(db: Db, before: number, limit: number): Promise<number> {
  const oldest = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, before)).limit(limit);
  const deleted = await db
    .delete(auditLog)
    .where(inArray(auditLog.id, oldest))
    .returning({ id: auditLog.id });
  return deleted.length;
}

export type { AuditLogRow };
