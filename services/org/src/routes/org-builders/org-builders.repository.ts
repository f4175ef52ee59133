import { and, eq, isNull } from "drizzle-orm";
import { batchWrite } from "../../core/batch";
import type { Writer } from "../../core/writer";
import type { Db } from "../../db/client";
import { type OrgBuilderRow, orgBuilder } from "../../db/schema";

/**
 * A draft and its `org_builder.create` entry in one batch, filed under the organization id the
 * draft will finalize into: the org's audit log then starts with its draft.
 */
export async function insertOrgBuilder(
  writer: Writer,
  values: typeof orgBuilder.$inferInsert,
): Promise<OrgBuilderRow> {
  const [[row]] = await batchWrite(
    writer,
    [
      {
        statement: writer.db.insert(orgBuilder).values(values).returning(),
        audit: {
          organizationId: values.organizationId,
          action: "org_builder.create",
          resourceType: "org_builder",
          resourceId: values.id,
        },
      },
    ],
    values.createdAt,
  );
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
