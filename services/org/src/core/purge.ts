import { and, asc, eq, inArray, isNotNull, lt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import {
  apiKey,
  auditLog,
  contextJob,
  organization,
  organizationContext,
  organizationSettings,
  orgBuilder,
} from "../db/schema";
import type { Write } from "./batch";

/** Deleted organizations past the restore window, oldest deletion first (a partial index). */
export const purgeableOrganizations = (db: Db, deletedBefore: number, limit: number) =>
  db
    .select({ id: organization.id })
    .from(organization)
    .where(and(isNotNull(organization.deletedAt), lte(organization.deletedAt, deletedBefore)))
    .orderBy(asc(organization.deletedAt), asc(organization.id))
    .limit(limit);

/**
 * Every org-owned row, then the organization itself with its `organization.purge` entry, for one
 * batch: all of it goes or none does. The row is deleted only while still soft-deleted, so an org
 * restored meanwhile keeps everything (its children are deleted only in the same batch, and a
 * restored org has no purge to run). Audit entries stay for the retention period.
 */
export function purgeWrites(db: Db, id: string, deletedBefore: number): Write[] {
  const gone = db
    .select({ id: organization.id })
    .from(organization)
    .where(
      and(
        eq(organization.id, id),
        isNotNull(organization.deletedAt),
        lte(organization.deletedAt, deletedBefore),
      ),
    );
  return [
    { statement: db.delete(organizationSettings).where(inArray(organizationSettings.organizationId, gone)) },
    { statement: db.delete(apiKey).where(inArray(apiKey.organizationId, gone)) },
    { statement: db.delete(organizationContext).where(inArray(organizationContext.organizationId, gone)) },
    { statement: db.delete(contextJob).where(inArray(contextJob.organizationId, gone)) },
    { statement: db.delete(orgBuilder).where(inArray(orgBuilder.organizationId, gone)) },
    {
      statement: db
        .delete(organization)
        .where(
          and(
            eq(organization.id, id),
            isNotNull(organization.deletedAt),
            lte(organization.deletedAt, deletedBefore),
          ),
        )
        .returning({ id: organization.id }),
      audit: {
        organizationId: id,
        action: "organization.purge",
        resourceType: "organization",
        resourceId: id,
      },
    },
  ];
}

/** Retention: deletes at most `limit` audit entries older than `before`, oldest first. */
export async function purgeAuditEntries(db: Db, before: number, limit: number): Promise<number> {
  const oldest = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, before)).limit(limit);
  const deleted = await db
    .delete(auditLog)
    .where(inArray(auditLog.id, oldest))
    .returning({ id: auditLog.id });
  return deleted.length;
}
