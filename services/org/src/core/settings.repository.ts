import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type OrganizationSettingsRow, organization, organizationSettings } from "../db/schema";

export async function findSettings(db: Db, organizationId: string) {
  return (
    (await db.query.organizationSettings.findFirst({
      where: eq(organizationSettings.organizationId, organizationId),
    })) ?? null
  );
}

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

/**
 * Copies branding's logoUrl, as the settings row holds it after this batch's upsert, onto the
 * organization when the two differ. Reading the row rather than the request's value means a PUT
 * whose upsert lost its If-Match race changes nothing here either.
 */
export const mirrorLogoStatement = (db: Db, organizationId: string, now: number) => {
  const logo = sql`(select ${organizationSettings.logoUrl} from ${organizationSettings}
    where ${organizationSettings.organizationId} = ${organizationId})`;
  return db
    .update(organization)
    .set({ logoUrl: logo, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(
      and(
        eq(organization.id, organizationId),
        isNull(organization.deletedAt),
        sql`${organization.logoUrl} is not ${logo}`,
      ),
    );
};

/** Branding logoUrl per organization, for the given organizations (at most 90 per statement). */
export async function findLogoUrls(db: Db, organizationIds: string[]) {
  const urls = new Map<string, string | null>();
  for (let at = 0; at < organizationIds.length; at += 90) {
    const rows = await db
      .select({ organizationId: organizationSettings.organizationId, logoUrl: organizationSettings.logoUrl })
      .from(organizationSettings)
      .where(inArray(organizationSettings.organizationId, organizationIds.slice(at, at + 90)));
    for (const row of rows) urls.set(row.organizationId, row.logoUrl);
  }
  return urls;
}
