import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type OrganizationSettingsRow, organizationSettings } from "../../db/schema";

export type SettingsColumns = Partial<
  Omit<OrganizationSettingsRow, "organizationId" | "version" | "updatedAt">
>;

/**
 * Writes a group's columns, creating the row on first write. With `expectedVersion` the update
 * only applies to that version, so a concurrent writer makes this return no row (412).
 */
export const upsertSettingsStatement = (
  db: Db,
  organizationId: string,
  columns: SettingsColumns,
  now: number,
  expectedVersion?: number,
) =>
  db
    .insert(organizationSettings)
    .values({ organizationId, ...columns, version: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: organizationSettings.organizationId,
      set: { ...columns, version: sql`${organizationSettings.version} + 1`, updatedAt: now },
      setWhere: expectedVersion === undefined ? undefined : eq(organizationSettings.version, expectedVersion),
    })
    .returning();
