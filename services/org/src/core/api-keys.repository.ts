import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKey } from "../db/schema";

export type NewApiKey = typeof apiKey.$inferInsert;

export const insertApiKeyStatement = (db: Db, values: NewApiKey) =>
  db.insert(apiKey).values(values).returning();

/**
 * Inserts the key only while the organization holds fewer than `limit` keys not revoked: the plan's
 * limit holds under concurrent creates (each sees the other's insert in SQLite's single writer).
 */
export const insertApiKeyWithinStatement = (db: Db, v: NewApiKey & { createdAt: number }, limit: number) =>
  db
    .insert(apiKey)
    .select(
      // Values in the table's column order: insert…select writes every column.
      sql`select ${v.id}, ${v.organizationId}, ${v.name}, ${v.prefix}, ${v.hash}, ${v.scopes},
        ${v.createdBy ?? null}, ${v.createdAt}, null, null
        where (select count(*) from ${apiKey} where ${apiKey.organizationId} = ${v.organizationId}
          and ${apiKey.revokedAt} is null) < ${limit}`,
    )
    .returning();

export const deleteApiKeysStatement = (db: Db, organizationId: string) =>
  db.delete(apiKey).where(eq(apiKey.organizationId, organizationId));
