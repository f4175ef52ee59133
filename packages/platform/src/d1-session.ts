import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors";

/** Request and response header carrying a D1 Sessions API bookmark. */
export const BOOKMARK_HEADER = "X-D1-Bookmark";

// D1 bookmarks are dash-separated hex groups (`0000000b-00000005-00004f8a-…`); anything else is
// refused before it reaches D1, whose own refusal would be an opaque failure mid-request.
export const BOOKMARK = /^[0-9a-f]+(?:-[0-9a-f]+){1,7}$/;
export const MAX_BOOKMARK_LENGTH = 128;

/**
 * Every /api/v1 request runs in one D1 session (read replication). A request that brings the
 * bookmark of an earlier answer is served by a replica at least that fresh (read-your-writes across
 * replicas); otherwise reads may start at any replica and writes start at the primary. The answer
 * carries the session's latest bookmark for the caller to send back. `c.env.DB` is the session for
 * the rest of the request, so the guards, the idempotency store and the handlers all share it.
 */
export const d1Session = (): MiddlewareHandler<{ Bindings: { DB: D1Database } }> => async (c, next) => {
  const bookmark = c.req.header(BOOKMARK_HEADER);
  if (bookmark !== undefined && (bookmark.length > MAX_BOOKMARK_LENGTH || !BOOKMARK.test(bookmark))) {
    throw new ApiError("INVALID_INPUT", `${BOOKMARK_HEADER} is not a D1 bookmark`);
  }
  const reads = c.req.method === "GET" || c.req.method === "HEAD";
  const session = c.env.DB.withSession(bookmark ?? (reads ? "first-unconstrained" : "first-primary"));
  // A session offers the statements and batches the services use (prepare, batch), not exec/dump.
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();
  const latest = session.getBookmark();
  if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
};
