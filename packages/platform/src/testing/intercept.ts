/**
 * `db` with a hook run before each statement reaches the real binding (`statement`, given its SQL)
 * and before each batch (`batch`, given every statement's SQL in order); a hook that throws or
 * rejects fails that call as D1 would, one that waits holds it. The one wrapper of the binding that
 * `failAt`, `failOnNth` and `holdAt` build on: pass the result as `DB` in the env.
 */
export function interceptD1(
  db: D1Database,
  hooks: {
    statement: (sql: string) => void | Promise<void>;
    batch: (sqls: string[]) => void | Promise<void>;
  },
): D1Database {
  const sqlOf = new WeakMap<object, string>();
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return async (...args: unknown[]) => {
            await hooks.statement(sql);
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
  const wrapDb = <T extends D1Database | D1DatabaseSession>(inner: T): T =>
    new Proxy(inner, {
      get(target, prop) {
        // The app runs each request in a D1 session: its statements are intercepted the same way.
        if (prop === "withSession") {
          return (arg?: string) => wrapDb((target as D1Database).withSession(arg));
        }
        if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            await hooks.batch(statements.map((s) => sqlOf.get(s) ?? ""));
            return target.batch(statements.map((s) => real.get(s) ?? s));
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrapDb(db);
}
