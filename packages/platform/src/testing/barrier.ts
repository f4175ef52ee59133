/**
 * Two requests started together in workerd do not interleave where a race would: each runs its
 * reads and its write before the other gets far. A barrier holds the first `parties` calls that
 * reach it until all of them have, so every request has done its reads before any of them writes.
 */
export interface Barrier {
  arrive(): Promise<void>;
  /** How many calls reached the barrier; a race test asserts it opened, or it raced nothing. */
  readonly arrived: number;
}

export function createBarrier(parties = 2, timeoutMs = 15_000): Barrier {
  let arrived = 0;
  let open: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  // A design that stops a party before the barrier would otherwise hang the test.
  opened.catch(() => {});
  return {
    get arrived() {
      return arrived;
    },
    arrive() {
      if (arrived >= parties) return Promise.resolve();
      arrived += 1;
      if (arrived === parties) open();
      else {
        const timer = setTimeout(
          () => fail(new Error(`barrier: ${arrived} of ${parties} parties arrived`)),
          timeoutMs,
        );
        opened.then(() => clearTimeout(timer)).catch(() => {});
      }
      return opened;
    },
  };
}

/**
 * `db` with every statement `hold` matches (a single statement or any statement of a batch) waiting
 * at `barrier` first — typically the write a guard lives in. Wraps the binding, not the project's
 * code: pass it as `DB` in the env.
 */
export function holdAt(db: D1Database, barrier: Barrier, hold: (sql: string) => boolean) {
  const real = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wait = () => (hold(sql) ? barrier.arrive() : Promise.resolve());
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return async (...args: unknown[]) => {
            await wait();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    real.set(wrapped, statement);
    sqlOf.set(wrapped, sql);
    return wrapped;
  };
  const wrapDb = <T extends D1Database | D1DatabaseSession>(inner: T): T =>
    new Proxy(inner, {
      get(target, prop) {
        // The app runs each request in a D1 session: its statements are wrapped the same way.
        if (prop === "withSession") return (arg?: string) => wrapDb((target as D1Database).withSession(arg));
        if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (statements.some((s) => hold(sqlOf.get(s) ?? ""))) await barrier.arrive();
            return target.batch(statements.map((s) => real.get(s) ?? s));
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrapDb(db);
}
