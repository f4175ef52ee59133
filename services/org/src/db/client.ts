import { perObject } from "@svc/platform";
import { fillPlaceholders } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** One drizzle instance per D1 binding per isolate: building one compiles the schema's relations. */
export const createDb = perObject((d1: D1Database) => drizzle(d1, { schema, casing: "snake_case" }));
export type Db = ReturnType<typeof createDb>;

type Query = { sql: string; params: unknown[] };
/** A drizzle prepared select (placeholders for its values), as `.prepare()` returns it. */
interface PreparedSelect {
  getQuery(): Query;
  all(values?: Record<string, unknown>): Promise<unknown>;
  mapAllResult(rows: unknown, isFromBatch?: boolean): unknown;
}
type Rows<P extends PreparedSelect> = Awaited<ReturnType<P["all"]>>;

/** A prepared select's SQL with its placeholders filled from `values`. */
export function boundSql(prepared: PreparedSelect, values: Record<string, unknown>): Query {
  const { sql, params } = prepared.getQuery();
  return { sql, params: fillPlaceholders(params, values) };
}

/**
 * Two prepared selects, bound to their values, in one D1 batch (one round trip, one snapshot).
 * drizzle's own `batch` rebuilds each query and cannot bind placeholders.
 */
export async function batchPrepared<A extends PreparedSelect, B extends PreparedSelect>(
  db: Db,
  [a, aValues]: [A, Record<string, unknown>],
  [b, bValues]: [B, Record<string, unknown>],
): Promise<[Rows<A>, Rows<B>]> {
  const bind = (prepared: PreparedSelect, values: Record<string, unknown>) => {
    const { sql, params } = boundSql(prepared, values);
    return db.$client.prepare(sql).bind(...params);
  };
  const [aRows, bRows] = await db.$client.batch([bind(a, aValues), bind(b, bValues)]);
  return [a.mapAllResult(aRows, true) as Rows<A>, b.mapAllResult(bRows, true) as Rows<B>];
}
