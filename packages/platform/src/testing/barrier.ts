import { interceptD1 } from "./intercept";

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
  return interceptD1(db, {
    statement: (sql) => (hold(sql) ? barrier.arrive() : undefined),
    batch: (sqls) => (sqls.some(hold) ? barrier.arrive() : undefined),
  });
}
