import { z } from "@hono/zod-openapi";
import { ApiError, sha256Hex } from "@svc/platform";
import { and, eq, lt, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { idempotencyKey } from "../db/schema";
import { principalKey } from "./actor";
import type { OrgAppEnv } from "./types";

const TTL_MS = 24 * 60 * 60_000;
/** Expired keys are swept a few at a time on each claim, so no job is needed and no claim is slow. */
const SWEEP = 10;
const KEY = /^[\x21-\x7e]{1,255}$/;

export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().max(255).regex(KEY).optional().openapi({
    description:
      "Same key and body within 24 h returns the first response; the same key with another body is 422.",
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

/**
 * `Idempotency-Key` for create POSTs. Runs after the guard (keys are filed per principal, method
 * and path) and before validation. The first request claims the key; its final answer (anything
 * but a 5xx, which releases the key for a retry) is stored and replayed.
 */
export const idempotency = (): MiddlewareHandler<OrgAppEnv> => async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return next();
  if (!KEY.test(key)) {
    throw new ApiError("INVALID_INPUT", "Idempotency-Key must be 1–255 visible ASCII characters", {
      details: [{ path: "header.idempotency-key", message: "Invalid format" }],
    });
  }
  const db = c.var.db;
  const now = Date.now();
  const scopeHash = await sha256Hex([principalKey(c), c.req.method, c.req.path, key].join("\n"));
  const requestHash = await sha256Hex(await c.req.text());

  const [, claimed] = await db.batch([
    db.delete(idempotencyKey).where(
      sql`${idempotencyKey.scopeHash} in (select ${idempotencyKey.scopeHash} from ${idempotencyKey}
        where ${idempotencyKey.createdAt} < ${now - TTL_MS} limit ${SWEEP})`,
    ),
    db
      .insert(idempotencyKey)
      .values({ scopeHash, requestHash, createdAt: now })
      .onConflictDoUpdate({
        target: idempotencyKey.scopeHash,
        set: { requestHash, createdAt: now, responseStatus: null, responseBody: null },
        setWhere: lt(idempotencyKey.createdAt, now - TTL_MS),
      })
      .returning({ scopeHash: idempotencyKey.scopeHash }),
  ]);

  if (claimed.length === 0) {
    const existing = await db.query.idempotencyKey.findFirst({
      where: eq(idempotencyKey.scopeHash, scopeHash),
    });
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
    return new Response(existing.responseBody, {
      status: existing.responseStatus,
      headers: { "content-type": "application/json", "idempotent-replayed": "true" },
    });
  }

  await next();
  const release = and(eq(idempotencyKey.scopeHash, scopeHash), eq(idempotencyKey.createdAt, now));
  if (c.res.status >= 500) {
    await db.delete(idempotencyKey).where(release);
    return;
  }
  const responseBody = await c.res.clone().text();
  await db.update(idempotencyKey).set({ responseStatus: c.res.status, responseBody }).where(release);
};
