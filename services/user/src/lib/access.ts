import { bindingRateLimiter, type CallerUser, createGuardedRoute } from "@svc/platform";
import type { Context } from "hono";
import { findUserByAuthId } from "../core/users";
import type { UserAppEnv } from "./types";

/** A JWT's subject is resolved against this service's own table: one indexed lookup. */
async function resolveUser(c: Context<UserAppEnv>, betterAuthUserId: string): Promise<CallerUser | null> {
  const row = await findUserByAuthId(c.var.db, betterAuthUserId);
  if (!row?.organizationId) return null;
  c.set("callerRecord", row);
  return {
    id: row.id,
    betterAuthUserId: row.betterAuthUserId,
    organizationId: row.organizationId,
    role: row.role,
    permissions: row.permissions,
  };
}

/** 100 requests a minute per user (the RATE_LIMITER binding). */
const rateLimit = bindingRateLimiter<UserAppEnv>({
  default: { binding: (c) => c.env.RATE_LIMITER, quota: 100, periodSeconds: 60 },
});

export const guardedRoute = createGuardedRoute<UserAppEnv>({
  resolveUser,
  rateLimit,
  idempotencyStore: (c) => c.env.DB,
});
