import { z } from "@hono/zod-openapi";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "./context";
import { sha256Hex } from "./crypto";
import { ApiError } from "./errors";
import { idempotencyKey } from "./idempotency.table";
import { perObject } from "./memo";

/** How long a stored answer is replayed; the scheduled cleanup deletes it after that. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/**
 * A claim with no answer this old belongs to a request that died without releasing it (an
 * isolate killed mid-request): it no longer blocks its key. Far above any request's duration.
 */
const ABANDONED_MS = 10 * 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;
/** The headers of the first answer that a replay repeats; request ids and the like are the replay's own. */
const REPLAYED_HEADERS = ["content-type", "etag", "location"] as const;

const dbOf = perObject((d1: D1Database) => drizzle(d1));

export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().max(255).regex(KEY).optional().openapi({
    description:
      "Same key and body within 24 h returns the first response (with Idempotent-Replayed: true); the same key with another body is 422; while the first request is still running, 409.",
  }),
});

const REPLAYED_HEADER = {
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
    schema: { type: "string" as const, enum: ["true"] },
  },
};

/** Documents `Idempotent-Replayed` on the answers a replay can repeat (anything but a 5xx). */
export function withReplayHeader<T extends object>(responses: T): T {
  return Object.fromEntries(
    Object.entries(responses as Record<string, { headers?: object }>).map(([status, response]) => [
      status,
      /^[234]/.test(status)
        ? { ...response, headers: { ...response.headers, ...REPLAYED_HEADER } }
        : response,
    ]),
  ) as T;
}

/** The key a principal's per-caller state (rate limits, idempotency keys) is filed under. */
export const principalKey = (principal: Principal) =>
  principal.kind === "user" ? `user:${principal.user.id}` : `service:${principal.keyFingerprint}`;

/**
 * `Idempotency-Key` for create POSTs, declared on a route with `idempotent: true` in its access.
 * Runs after the guard and before validation. Keys are filed per principal, method and path, and
 * per tenant on a tenant-scoped route (`tenantScoped`); on a global route (creating an
 * organization) a user's tenant is the organization they may be leaving, so it is not part of it. The first request claims the key; its final answer (anything but a 5xx, which
 * releases the key for a retry) is stored with the headers that matter and replayed for 24 h.
 */
export function idempotency<E extends AppEnv>(
  store: (c: Context<E>) => D1Database,
  tenantScoped: boolean,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      throw new ApiError("INVALID_INPUT", "Idempotency-Key must be 1–255 visible ASCII characters", {
        details: [{ path: "header.idempotency-key", message: "Invalid format" }],
      });
    }
    const db = dbOf(store(c));
    const now = Date.now();
    const principal = c.get("principal") as Principal;
    const tenant = tenantScoped ? c.get("tenantId") : undefined;
    const scope = [principalKey(principal), tenant ?? "", c.req.method, c.req.path, key];
    const scopeHash = await sha256Hex(scope.join("\n"));
    const requestHash = await sha256Hex(await c.req.text());

    const claimed = await db
      .insert(idempotencyKey)
      .values({ scopeHash, requestHash, createdAt: now })
      .onConflictDoUpdate({
        target: idempotencyKey.scopeHash,
        set: { requestHash, createdAt: now, responseStatus: null, responseHeaders: null, responseBody: null },
        // Only an expired answer or an abandoned claim is taken over; a live one is replayed or refused.
        setWhere: or(
          lt(idempotencyKey.createdAt, now - IDEMPOTENCY_TTL_MS),
          and(isNull(idempotencyKey.responseStatus), lt(idempotencyKey.createdAt, now - ABANDONED_MS)),
        ),
      })
      .returning({ scopeHash: idempotencyKey.scopeHash });

    if (claimed.length === 0) {
      const [existing] = await db
        .select()
        .from(idempotencyKey)
        .where(eq(idempotencyKey.scopeHash, scopeHash));
      if (!existing) throw new ApiError("CONFLICT", "This Idempotency-Key was just released; retry");
      if (existing.requestHash !== requestHash) {
        throw new ApiError(
          "UNPROCESSABLE_ENTITY",
          "This Idempotency-Key was used with a different request body",
        );
      }
      if (existing.responseStatus === null || existing.responseBody === null) {
        throw new ApiError("CONFLICT", "A request with this Idempotency-Key is still in progress");
      }
      const headers = new Headers(JSON.parse(existing.responseHeaders ?? "{}") as Record<string, string>);
      headers.set("idempotent-replayed", "true");
      return new Response(existing.responseBody, { status: existing.responseStatus, headers });
    }

    await next();
    const mine = and(eq(idempotencyKey.scopeHash, scopeHash), eq(idempotencyKey.createdAt, now));
    if (c.res.status >= 500) {
      await db.delete(idempotencyKey).where(mine);
      return;
    }
    const replayed = REPLAYED_HEADERS.flatMap((name) => {
      const value = c.res.headers.get(name);
      return value === null ? [] : [[name, value] as const];
    });
    await db
      .update(idempotencyKey)
      .set({
        responseStatus: c.res.status,
        responseHeaders: JSON.stringify(Object.fromEntries(replayed)),
        responseBody: await c.res.clone().text(),
      })
      .where(mine);
  };
}

/** Expired answers deleted per statement, and statements per run: bounded work per scheduled run. */
const CLEANUP_BATCH = 1_000;
const CLEANUP_BATCHES = 5;

/**
 * The scheduled cleanup: deletes answers older than 24 h, oldest first, in bounded batches (the
 * next run goes on where this one stopped). Idempotent; returns how many rows it deleted.
 */
export async function expireIdempotencyKeys(d1: D1Database, now: number): Promise<{ deleted: number }> {
  const db = dbOf(d1);
  const expired = now - IDEMPOTENCY_TTL_MS;
  let deleted = 0;
  for (let batch = 0; batch < CLEANUP_BATCHES; batch++) {
    const { meta } = await db.run(
      sql`delete from ${idempotencyKey} where ${idempotencyKey.scopeHash} in (
        select ${idempotencyKey.scopeHash} from ${idempotencyKey}
        where ${idempotencyKey.createdAt} < ${expired}
        order by ${idempotencyKey.createdAt} limit ${CLEANUP_BATCH})`,
    );
    deleted += meta.changes;
    if (meta.changes < CLEANUP_BATCH) break;
  }
  return { deleted };
}
