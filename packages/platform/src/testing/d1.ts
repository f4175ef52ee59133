import { interceptD1 } from "./intercept";

/** The rows a query answers, for tests that read a D1 database behind the worker's back. */
export async function rowsOf<T>(db: D1Database, sql: string, ...params: unknown[]) {
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<T>();
  return results;
}

/**
 * `db` whose first `times` batches or statements containing SQL that `fails` matches throw, as a
 * D1 failure would; everything else reaches the real binding. Wraps the binding, not the project's
 * code: pass it as `DB` in the env.
 */
export function failAt(db: D1Database, fails: (sql: string) => boolean, times = 1) {
  let left = times;
  const trip = (sql: string) => {
    if (left > 0 && fails(sql)) {
      left -= 1;
      throw new Error("D1_ERROR: injected failure");
    }
  };
  return interceptD1(db, { statement: trip, batch: (sqls) => trip(sqls.join(";\n")) });
}
