/** The rows a query answers, for tests that read a D1 database behind the worker's back. */
export async function rowsOf<T>(db: D1Database, sql: string, ...params: unknown[]) {
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<T>();
  return results;
}
