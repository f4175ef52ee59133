import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The stored answers of `Idempotency-Key` requests. Every service that declares an idempotent
 * route re-exports this table from its drizzle schema, so each service's migrations create the
 * same table (column names are explicit: they do not depend on a service's casing setting).
 */
export const idempotencyKey = sqliteTable(
  "idempotency_key",
  {
    /** SHA-256 of principal, tenant, method, path and the client's key: keys never collide across callers. */
    scopeHash: text("scope_hash").primaryKey(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    /** JSON object of the replayed headers (content type, ETag, Location) the first answer carried. */
    responseHeaders: text("response_headers"),
    responseBody: text("response_body"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("idempotency_key_created_idx").on(t.createdAt)],
);
