import { inArray, type SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * Inserts `rows`, then reads each back both ways an API resource is answered: the row as drizzle
 * returns it (for the in-memory mapper) and the JSON text `document` (an `apiDocument(...).sql`)
 * has SQLite write, parsed. Tests hold the two forms of a resource to each other with it.
 */
export async function readBothWays<T extends SQLiteTable, S extends Record<string, unknown>>(
  db: BaseSQLiteDatabase<"async", unknown, S>,
  table: T,
  id: SQLiteColumn,
  document: SQL<string>,
  rows: (T["$inferInsert"] & { id: string })[],
): Promise<{ row: T["$inferSelect"]; json: unknown }[]> {
  await db.insert(table).values(rows);
  const ids = rows.map((r) => r.id);
  const stored = (await db.select().from(table).where(inArray(id, ids))) as T["$inferSelect"][];
  const texts = await db.select({ id, document }).from(table).where(inArray(id, ids));
  return ids.map((key) => {
    const row = stored.find((r) => r.id === key);
    const text = texts.find((t) => t.id === key)?.document;
    if (!row || text === undefined) throw new Error(`Row ${key} was not read back both ways`);
    return { row, json: JSON.parse(text) as unknown };
  });
}
