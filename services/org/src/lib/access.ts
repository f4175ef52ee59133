import type { RouteConfig } from "@hono/zod-openapi";
import {
  type Access,
  bindingRateLimiter,
  type CallerUser,
  createGuardedRoute,
  type RateLimiter,
} from "@svc/platform";
import type { Context } from "hono";
import type { Feature } from "../core/plans";
import { requireFeature } from "./entitlements";
import { IdempotencyHeaders, idempotency } from "./idempotency";
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
  default: { binding: (c) => c.env.RATE_LIMITER, retryAfterSeconds: 60 },
});

/** Named limits on top of the per-minute one, for periods the binding cannot express. */
const WINDOWS: Record<string, WindowRule> = {
  orgDelete: { limit: 5, windowMs: 15 * 60_000 },
};

const rateLimit: RateLimiter<OrgAppEnv> = async (c, key, name) => {
  await perMinute(c, key, "default");
  const rule = WINDOWS[name];
  if (rule) await enforceWindow(c.var.db, `${name}:${key}`, rule);
};

/** A route's access, plus the plan feature it needs (checked right after the guard; in `x-access`). */
export type OrgAccess = Access & { feature?: Feature };

const guarded = createGuardedRoute<OrgAppEnv>({ resolveUser, rateLimit });

/** Build-time switch for the bench's A/B of the entitlement guard (false outside bench builds). */
declare const __BENCH_NO_ENTITLEMENT_GUARD__: boolean;

export function guardedRoute<R extends RouteConfig>(access: OrgAccess, route: R): R {
  const created = guarded(access, route);
  if (!access.feature || __BENCH_NO_ENTITLEMENT_GUARD__) return created;
  const param = typeof access.scope === "object" ? access.scope.param : undefined;
  if (!param) throw new Error("A feature-gated route must name its organization in a path parameter");
  return { ...created, middleware: [created.middleware ?? [], requireFeature(access.feature, param)].flat() };
}

/** A guarded create route that honours `Idempotency-Key` (checked after the guard, before validation). */
export function idempotentRoute<R extends RouteConfig>(access: OrgAccess, route: R): R {
  const guarded = guardedRoute(access, {
    ...route,
    request: { ...route.request, headers: IdempotencyHeaders },
  });
  return { ...guarded, middleware: [guarded.middleware ?? [], idempotency()].flat() };
}
