import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type UserBuilderRow, userBuilder } from "../../db/schema";
import type { Draft } from "./user-builders.schemas";

export type BuilderRecord = Omit<UserBuilderRow, "draft"> & { draft: Draft };

const decode = (row: UserBuilderRow): BuilderRecord => ({ ...row, draft: JSON.parse(row.draft) as Draft });

export async function insertBuilder(db: Db, values: BuilderRecord): Promise<BuilderRecord> {
  const [row] = await db
    .insert(userBuilder)
    .values({ ...values, draft: JSON.stringify(values.draft) })
    .returning();
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
