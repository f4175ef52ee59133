import { and, eq, isNull } from "drizzle-orm";
import { auditedBatch, type Writer } from "../../core/audit";
import type { Db } from "../../db/client";
import { type UserBuilderRow, userBuilder } from "../../db/schema";
import type { Draft } from "./user-builders.schemas";

export type BuilderRecord = Omit<UserBuilderRow, "draft"> & { draft: Draft };

const decode = (row: UserBuilderRow): BuilderRecord => ({ ...row, draft: JSON.parse(row.draft) as Draft });

/**
 * A draft and, when it already names its organization, that organization's audit entry (a draft
 * without one has no audit log to appear in until it is finalized into a user of some org).
 */
export async function insertBuilder(writer: Writer, values: BuilderRecord): Promise<BuilderRecord> {
  const statement = writer.db
    .insert(userBuilder)
    .values({ ...values, draft: JSON.stringify(values.draft) })
    .returning();
  const { organizationId } = values.draft;
  const audit = organizationId
    ? [{ organizationId, action: "user_builder.create", resourceType: "user_builder", resourceId: values.id }]
    : [];
  const [[row]] = await auditedBatch(writer, [{ statement, audit }], values.createdAt);
  return decode(row!);
}

export async function findBuilder(db: Db, id: string): Promise<BuilderRecord | null> {
  const row = await db.query.userBuilder.findFirst({ where: eq(userBuilder.id, id) });
  return row ? decode(row) : null;
}

/** Only the first finalize marks the draft; batched with the user insert. */
export const markFinalizedQuery = (db: Db, id: string, userId: string, now: number) =>
  db
    .update(userBuilder)
    .set({ finalizedUserId: userId, updatedAt: now })
    .where(and(eq(userBuilder.id, id), isNull(userBuilder.finalizedUserId)));
