import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors";
import { perObject } from "./memo";

/** Request and response header carrying a D1 Sessions API bookmark. */
export const BOOKMARK_HEADER = "X-D1-Bookmark";

// D1 bookmarks are dash-separated hex groups (`0000000b-00000005-00004f8a-…`); anything else is
// refused before it reaches D1, whose own refusal would be an opaque failure mid-request.
export const BOOKMARK = /^[0-9a-f]+(?:-[0-9a-f]+){1,7}$/;
export const MAX_BOOKMARK_LENGTH = 128;

/** The session of the request being served, with the binding it was opened on. */
const current = new AsyncLocalStorage<{ binding: D1Database; session: D1DatabaseSession }>();

/** Where `binding`'s statements run now: the request's session inside `d1Session`, else the binding. */
const targetOf = (binding: D1Database): D1Database | D1DatabaseSession => {
  const store = current.getStore();
  return store?.binding === binding ? store.session : binding;
};

/**
 * A statement that picks its D1 when it runs, not when it is prepared, so one prepared statement
 * serves every request of the isolate, each in its own session.
 */
class RoutedStatement {
  constructor(
    private readonly binding: D1Database,
    private readonly sql: string,
    private readonly values: unknown[] = [],
  ) {}

  bind(...values: unknown[]) {
    return new RoutedStatement(this.binding, this.sql, values);
  }

  /** This statement, bound, on `db`. */
  on(db: D1Database | D1DatabaseSession): D1PreparedStatement {
    return db.prepare(this.sql).bind(...this.values);
  }

  first(column?: string) {
    const statement = this.on(targetOf(this.binding));
    return column === undefined ? statement.first() : statement.first(column);
  }

  all() {
    return this.on(targetOf(this.binding)).all();
  }

  run() {
    return this.on(targetOf(this.binding)).run();
  }

  raw(options?: { columnNames?: boolean }) {
    const statement = this.on(targetOf(this.binding));
    return options?.columnNames ? statement.raw({ columnNames: true }) : statement.raw();
  }
}

/**
 * `binding` as the services use it: statements and batches run in the current request's session
 * (see `d1Session`) and on the binding itself outside a request (queue consumers, scheduled jobs).
 * One object per binding per isolate, so what is cached per D1 object (drizzle's compiled schema,
 * prepared statements) is built once per isolate rather than once per request's session. Like a
 * session, it offers `prepare` and `batch` only (no `exec`, which would bypass the session).
 */
export const routedD1 = perObject(
  (binding: D1Database) =>
    ({
      prepare: (sql: string) => new RoutedStatement(binding, sql),
      batch: (statements: D1PreparedStatement[]) => {
        const db = targetOf(binding);
        return db.batch(statements.map((s) => (s instanceof RoutedStatement ? s.on(db) : s)));
      },
    }) as unknown as D1Database,
);

/**
 * Every /api/v1 request runs in one D1 session (read replication). A request that brings the
 * bookmark of an earlier answer is served by a replica at least that fresh (read-your-writes across
 * replicas); otherwise reads may start at any replica and writes start at the primary. The answer
 * carries the session's latest bookmark for the caller to send back. For the rest of the request
 * `c.env.DB` is `routedD1` of the binding, whose statements run in this session, so the guards, the
 * idempotency store and the handlers all share it.
 */
export const d1Session = (): MiddlewareHandler<{ Bindings: { DB: D1Database } }> => async (c, next) => {
  const bookmark = c.req.header(BOOKMARK_HEADER);
  if (bookmark !== undefined && (bookmark.length > MAX_BOOKMARK_LENGTH || !BOOKMARK.test(bookmark))) {
    throw new ApiError("INVALID_INPUT", `${BOOKMARK_HEADER} is not a D1 bookmark`);
  }
  const binding = c.env.DB;
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  const session = binding.withSession(bookmark ?? (reads ? "first-unconstrained" : "first-primary"));
  c.env = { ...c.env, DB: routedD1(binding) };
  await current.run({ binding, session }, next);
  const latest = session.getBookmark();
  if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
};
