import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organization } from "../../db/schema";

/** Includes soft-deleted rows: callers tell "deleted" apart from "never existed". */
export async function findOrganizationByAuthId(db: Db, betterAuthOrgId: string) {
  return (
    (await db.query.organization.findFirst({ where: eq(organization.betterAuthOrgId, betterAuthOrgId) })) ??
    null
  );
}

/** Includes soft-deleted rows: a deleted org's slug stays reserved. */
export async function findOrganizationBySlug(db: Db, slug: string) {
  return (await db.query.organization.findFirst({ where: eq(organization.slug, slug) })) ?? null;
}
