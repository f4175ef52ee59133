import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type OrganizationRow, organization } from "../../db/schema";

export type NewOrganization = typeof organization.$inferInsert;

export async function insertOrganization(db: Db, values: NewOrganization): Promise<OrganizationRow> {
  const [row] = await db.insert(organization).values(values).returning();
  return row!;
}

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | null> {
  const row = await db.query.organization.findFirst({
    where: and(eq(organization.id, id), isNull(organization.deletedAt)),
  });
  return row ?? null;
}
