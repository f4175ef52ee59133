import { and, eq, isNull } from "drizzle-orm";
import { newestFirstPage, type PageQuery } from "../../core/newest-first";
import type { Db } from "../../db/client";
import { type ApiKeyRow, apiKey } from "../../db/schema";

/** Active keys, newest first, a keyset page at a time. */
export const activeKeysPage = <Item extends { id: string }>(
  db: Db,
  organizationId: string,
  query: PageQuery,
  toItem: (row: ApiKeyRow) => Item,
) => newestFirstPage(db, apiKey, organizationId, query, toItem, isNull(apiKey.revokedAt));

export const revokeApiKeyStatement = (db: Db, organizationId: string, id: string, now: number) =>
  db
    .update(apiKey)
    .set({ revokedAt: now })
    .where(and(eq(apiKey.id, id), eq(apiKey.organizationId, organizationId), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });

export async function findApiKeyByPrefix(db: Db, prefix: string) {
  return (await db.query.apiKey.findFirst({ where: eq(apiKey.prefix, prefix) })) ?? null;
}

export const touchApiKey = (db: Db, id: string, now: number) =>
  db.update(apiKey).set({ lastUsedAt: now }).where(eq(apiKey.id, id));
