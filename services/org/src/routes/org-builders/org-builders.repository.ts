import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type OrgBuilderRow, orgBuilder } from "../../db/schema";

export async function insertOrgBuilder(
  db: Db,
  values: typeof orgBuilder.$inferInsert,
): Promise<OrgBuilderRow> {
  const [row] = await db.insert(orgBuilder).values(values).returning();
  return row!;
}

export async function findOrgBuilder(db: Db, id: string): Promise<OrgBuilderRow | null> {
  return (await db.query.orgBuilder.findFirst({ where: eq(orgBuilder.id, id) })) ?? null;
}

export const markFinalizedStatement = (db: Db, id: string, organizationId: string, now: number) =>
  db
    .update(orgBuilder)
    .set({ finalizedOrgId: organizationId, finalizedAt: now })
    .where(and(eq(orgBuilder.id, id), isNull(orgBuilder.finalizedOrgId)));
