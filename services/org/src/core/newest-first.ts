import { decodeKeyCursor, keysetPage, notFound } from "@svc/platform";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { findOrganization } from "./organizations.repository";

export interface PageQuery {
  cursor?: string;
  limit: number;
}

/** A table of an organization's rows whose UUIDv7 ids are also their time order. */
type OrgRows = SQLiteTable & { id: SQLiteColumn; organizationId: SQLiteColumn };

/**
 * One keyset page of a live organization's rows, newest first: `(organizationId, id)` is indexed,
 * so the page is one index range read. `where` narrows the rows further (e.g. not revoked).
 */
export async function newestFirstPage<T extends OrgRows, Item extends { id: string }>(
  db: Db,
  table: T,
  organizationId: string,
  query: PageQuery,
  toItem: (row: T["$inferSelect"]) => Item,
  where?: SQL,
) {
  if (!(await findOrganization(db, organizationId))) throw notFound("Organization");
  const before = decodeKeyCursor(query.cursor);
  const rows = (await db
    .select()
    .from(table as SQLiteTable)
    .where(and(eq(table.organizationId, organizationId), where, before ? lt(table.id, before) : undefined))
    .orderBy(desc(table.id))
    .limit(query.limit + 1)) as T["$inferSelect"][];
  return keysetPage(rows.map(toItem), query.limit, (item) => [item.id]);
}
