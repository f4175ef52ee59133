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
  const sqlOf = new WeakMap<object, string>();
  const real = new WeakMap<object, D1PreparedStatement>();
  const trip = (sql: string) => {
    if (left > 0 && fails(sql)) {
      left -= 1;
      throw new Error("D1_ERROR: injected failure");
    }
  };
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return async (...args: unknown[]) => {
            trip(sql);
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    sqlOf.set(wrapped, sql);
    real.set(wrapped, statement);
    return wrapped;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          trip(statements.map((s) => sqlOf.get(s) ?? "").join(";\n"));
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
