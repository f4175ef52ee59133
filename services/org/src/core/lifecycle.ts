import { and, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type OrganizationRow, organization } from "../db/schema";

const DAY_MS = 86_400_000;
const DEFAULT_RESTORE_WINDOW_DAYS = 30;
const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** A whole number of days from a var; unset, empty or not a positive integer means the default. */
const days = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return (Number.isInteger(n) && n > 0 ? n : fallback) * DAY_MS;
};

/** How long a soft-deleted organization can be restored; after it, the purge job removes it. */
export const restoreWindowMs = (env: Pick<OrgEnv, "RESTORE_WINDOW_DAYS">) =>
  days(env.RESTORE_WINDOW_DAYS, DEFAULT_RESTORE_WINDOW_DAYS);

/** How long audit entries are kept (both services'), counted from their time. */
export const auditRetentionMs = (env: Pick<OrgEnv, "AUDIT_RETENTION_DAYS">) =>
  days(env.AUDIT_RETENTION_DAYS, DEFAULT_AUDIT_RETENTION_DAYS);

/** An organization in any state (live or soft-deleted); null once purged or never made. */
export async function findOrganizationAnyState(db: Db, id: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organization).where(eq(organization.id, id)).limit(1);
  return row ?? null;
}

/** The lifecycle state of a row: `deleted` until the purge job removes it. */
export const lifecycleOf = (row: OrganizationRow, windowMs: number) =>
  row.deletedAt === null
    ? { state: "active" as const, deletedAt: null, restorableUntil: null }
    : { state: "deleted" as const, deletedAt: row.deletedAt, restorableUntil: row.deletedAt + windowMs };

/**
 * Undoes a soft delete made after `deletedAfter`, atomically: a concurrent restore or a purge
 * that got there first leaves nothing for this one to change.
 */
export const restoreStatement = (db: Db, id: string, deletedAfter: number, now: number) =>
  db
    .update(organization)
    .set({ deletedAt: null, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(
      and(
        eq(organization.id, id),
        isNotNull(organization.deletedAt),
        gt(organization.deletedAt, deletedAfter),
      ),
    )
    .returning();
