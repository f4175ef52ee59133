import type { RouteConfig } from "@hono/zod-openapi";
import {
  type Access,
  announcePolicy,
  bindingRateLimiter,
  type CallerUser,
  createGuardedRoute,
  type DocumentedRoute,
  type RateLimiter,
  remainingField,
} from "@svc/platform";
import type { Context } from "hono";
import { IdempotencyHeaders, idempotency, withReplayHeader } from "./idempotency";
import { enforceWindow, type WindowRule } from "./rate-window";
import type { OrgAppEnv } from "./types";
import { userService } from "./user-service";

/** Resolved principals are kept briefly so a burst of calls costs one user-service lookup. */
const PRINCIPAL_TTL_MS = 30_000;
const MAX_CACHED = 10_000;
const principals = new Map<string, { user: CallerUser; expires: number }>();

async function resolveUser(c: Context<OrgAppEnv>, betterAuthUserId: string): Promise<CallerUser | null> {
  const now = Date.now();
  const hit = principals.get(betterAuthUserId);
  if (hit && hit.expires > now) return hit.user;
  const found = await userService(c).getByAuthId(betterAuthUserId);
  if (!found?.organizationId) return null;
  const user: CallerUser = {
    id: found.id,
    betterAuthUserId: found.betterAuthUserId,
    organizationId: found.organizationId,
    role: found.role,
    permissions: found.permissions,
  };
  if (principals.size >= MAX_CACHED) principals.clear();
  principals.set(betterAuthUserId, { user, expires: now + PRINCIPAL_TTL_MS });
  return user;
}

/** After a membership change the cached organization and role are wrong; the next call re-resolves. */
export const evictPrincipal = (betterAuthUserId: string) => principals.delete(betterAuthUserId);

/** 100 requests a minute per user (the RATE_LIMITER binding). */
const perMinute = bindingRateLimiter<OrgAppEnv>({
  default: { binding: (c) => c.env.RATE_LIMITER, quota: 100, periodSeconds: 60 },
});

/** Named limits on top of the per-minute one, for periods the binding cannot express. */
const WINDOWS: Record<string, WindowRule> = {
  orgDelete: { limit: 5, windowMs: 15 * 60_000 },
};

const rateLimit: RateLimiter<OrgAppEnv> = async (c, key, name) => {
  await perMinute(c, key, "default");
  const rule = WINDOWS[name];
  if (!rule) return;
  announcePolicy(c, name, rule.limit, rule.windowMs / 1000);
  const { remaining, resetSeconds } = await enforceWindow(c.var.db, name, key, rule);
  c.header("RateLimit", remainingField(name, remaining, resetSeconds));
};

export const guardedRoute = createGuardedRoute<OrgAppEnv>({ resolveUser, rateLimit });

/** A guarded create route that honours `Idempotency-Key` (checked after the guard, before validation). */
export function idempotentRoute<R extends RouteConfig & DocumentedRoute>(access: Access, route: R): R {
  const guarded = guardedRoute(access, {
    ...route,
    request: { ...route.request, headers: IdempotencyHeaders },
    responses: withReplayHeader(route.responses),
  });
  return { ...guarded, middleware: [guarded.middleware ?? [], idempotency()].flat() };
}
