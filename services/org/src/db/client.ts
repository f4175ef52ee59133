import { perObject } from "@svc/platform";
import { fillPlaceholders } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** One drizzle instance per D1 binding per isolate: building one compiles the schema's relations. */
export const createDb = perObject((d1: D1Database) => drizzle(d1, { schema, casing: "snake_case" }));
export type Db = ReturnType<typeof createDb>;

/** A prepared statement's SQL with its placeholders filled from `values` (what D1 is sent). */
export function boundSql(
  prepared: { getQuery(): { sql: string; params: unknown[] } },
  values: Record<string, unknown>,
) {
  const { sql, params } = prepared.getQuery();
  return { sql, params: fillPlaceholders(params, values) };
}
