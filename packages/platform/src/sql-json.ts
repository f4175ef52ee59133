import { type SQLWrapper, sql } from "drizzle-orm";
import type { Context, TypedResponse } from "hono";
import { toIso } from "./ids";

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Which row fields an API resource answers with, and how each is written. */
interface DocumentFields<P extends string, J extends string, T extends string> {
  /** Answered as stored. */
  plain: readonly P[];
  /** JSON text in the table (parsed in memory before `fromRow`), embedded as JSON. */
  json?: readonly J[];
  /** Epoch milliseconds in the table, answered as ISO 8601. */
  times?: readonly T[];
}

/**
 * An API resource read out of its table, defined once and produced two ways: `fromRow` maps a row
 * already in memory (after a write, or a single read), and `sql` has SQLite write the same JSON
 * text with `json_object`, so a list page moves one string per row instead of every column and no
 * row is mapped or serialised in the worker. The field names are the row's (drizzle) keys.
 */
export function apiDocument<P extends string, J extends string = never, T extends string = never>(
  columns: NoInfer<Record<P | J | T, SQLWrapper>>,
  fields: DocumentFields<P, J, T>,
) {
  const { plain, json = [], times = [] } = fields;
  const pairs = [
    ...plain.map((name) => [name, sql`${columns[name]}`] as const),
    ...json.map((name) => [name, sql`json(${columns[name]})`] as const),
    ...times.map(
      (name) => [name, sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${columns[name]} / 1000.0, 'unixepoch')`] as const,
    ),
  ].map(([name, value]) => {
    if (!FIELD_NAME.test(name)) throw new Error(`Not a JSON field name: ${name}`);
    return sql`${sql.raw(`'${name}'`)}, ${value}`;
  });
  return {
    sql: sql<string>`json_object(${sql.join(pairs, sql`, `)})`,
    fromRow<R extends Record<P | J, unknown> & Record<T, number>>(
      row: R,
    ): { [K in P | J]: R[K] } & { [K in T]: string } {
      const doc: Record<string, unknown> = {};
      for (const name of plain) doc[name] = row[name];
      for (const name of json) doc[name] = row[name];
      for (const name of times) doc[name] = toIso(row[name]);
      return doc as { [K in P | J]: R[K] } & { [K in T]: string };
    },
  };
}

/** A 200 JSON answer from text serialised elsewhere, typed as the route's response body `T`. */
export const jsonTextResponse = <T>(c: Context, body: string) =>
  c.body(body, 200, { "content-type": "application/json" }) as unknown as Response &
    TypedResponse<T, 200, "json">;

/**
 * A page `{ "data": [...], "pagination": {...} }` whose items are JSON texts from
 * `apiDocument(...).sql`: they are joined into the body as they are. `T` is the route's response body.
 */
export const jsonListResponse = <T extends { data: unknown[]; pagination: unknown }>(
  c: Context,
  items: readonly string[],
  pagination: T["pagination"],
) => jsonTextResponse<T>(c, `{"data":[${items.join(",")}],"pagination":${JSON.stringify(pagination)}}`);
