import { and, desc, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKey } from "../../db/schema";

/** Active keys, newest first, keyset-paginated on the (organizationId, id) index. */
export const listApiKeys = (db: Db, organizationId: string, page: { before?: string; limit: number }) =>
  db
    .select()
    .from(apiKey)
    .where(
      and(
        eq(apiKey.organizationId, organizationId),
        isNull(apiKey.revokedAt),
        page.before ? lt(apiKey.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(apiKey.id))
    .limit(page.limit);

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
