import { perObject } from "@svc/platform";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type OrganizationRow, organization } from "../db/schema";
import type { CounterDelta } from "./batch";

export type NewOrganization = typeof organization.$inferInsert;
export type OrganizationPatch = Partial<
  Pick<
    NewOrganization,
    | "name"
    | "slug"
    | "description"
    | "websiteUrl"
    | "status"
    | "logoUrl"
    | "creatorId"
    | "kind"
    | "subscriptionTier"
    | "seats"
  >
>;

/** The counter row holding the number of live organizations. */
export const LIVE_ORGS = "organizations";

const isLive = (id: string) => and(eq(organization.id, id), isNull(organization.deletedAt));

/** Prepared once per D1 binding: this lookup runs on nearly every request. */
const liveById = perObject((db: Db) =>
  db
    .select()
    .from(organization)
    .where(and(eq(organization.id, sql.placeholder("id")), isNull(organization.deletedAt)))
    .limit(1)
    .prepare(),
);

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | null> {
  const [row] = await liveById(db).all({ id });
  return row ?? null;
}

export const insertOrganizationStatement = (db: Db, values: NewOrganization) =>
  db.insert(organization).values(values).returning();

/** Keeps the live-org count in step with a write that creates, deletes or restores an org. */
export const liveOrgs = (delta: number): CounterDelta => ({ name: LIVE_ORGS, delta });

export const updateOrganizationStatement = (
  db: Db,
  id: string,
  patch: OrganizationPatch,
  now: number,
  expectedVersion?: number,
) =>
  db
    .update(organization)
    .set({ ...patch, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(
      and(isLive(id), expectedVersion === undefined ? undefined : eq(organization.version, expectedVersion)),
    )
    .returning();

export const softDeleteStatement = (db: Db, id: string, now: number) =>
  db
    .update(organization)
    .set({ deletedAt: now, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(isLive(id))
    .returning({ id: organization.id });

/** Undoes a soft delete made at `deletedAt` by this same flow (compensation), nothing older. */
export const undeleteStatement = (db: Db, id: string, deletedAt: number) =>
  db
    .update(organization)
    .set({ deletedAt: null, version: sql`${organization.version} + 1` })
    .where(and(eq(organization.id, id), eq(organization.deletedAt, deletedAt)));

export const hardDeleteStatement = (db: Db, id: string) =>
  db.delete(organization).where(eq(organization.id, id)).returning({ id: organization.id });
