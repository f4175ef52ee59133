import type { RouteConfig } from "@hono/zod-openapi";
import {
  type Access,
  announcePolicy,
  bindingRateLimiter,
  type CallerUser,
  createGuardedRoute,
  type DocumentedRoute,
  errorsFor,
  type RateLimiter,
  remainingField,
} from "@svc/platform";
import type { Context, MiddlewareHandler } from "hono";
import type { Feature } from "../core/plans";
import { organizationOf, requireFeature } from "./entitlements";
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

/**
 * A named window counts per principal and target organization: one caller deleting many
 * organizations (the gateway for its users, the user service's compensation) is not throttled by
 * its own other deletes, while the same org cannot be deleted and restored in a loop.
 */
const rateLimit: RateLimiter<OrgAppEnv> = async (c, key, name) => {
  await perMinute(c, key, "default");
  const rule = WINDOWS[name];
  if (!rule) return;
  announcePolicy(c, name, rule.limit, rule.windowMs / 1000);
  const { remaining, resetSeconds } = await enforceWindow(
    c.var.db,
    name,
    `${key}:${c.var.tenantId ?? "-"}`,
    rule,
  );
  c.header("RateLimit", remainingField(name, remaining, resetSeconds));
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one liveness check of every org-scoped route: runs after the guard (so a foreign id is a 403
 * before any lookup) and answers 404 for a soft-deleted or unknown organization. A malformed id is
 * left to the route's validation (400). A route opts out with `reachesDeletedOrg: true`. The row
 * it reads is kept for the entitlement check and the handler (`organizationOf`): one query.
 */
const liveTarget =
  (param: string): MiddlewareHandler<OrgAppEnv> =>
  async (c, next) => {
    const id = c.req.param(param);
    if (id && UUID.test(id)) await organizationOf(c, id);
    await next();
  };

/** A route's access, plus the plan feature it needs (checked last, before validation; in `x-access`). */
export type OrgAccess = Access & { feature?: Feature };

/** Build-time switch for the bench's A/B of the entitlement guard (false outside bench builds). */
declare const __BENCH_NO_ENTITLEMENT_GUARD__: boolean;

const guarded = createGuardedRoute<OrgAppEnv>({
  resolveUser,
  rateLimit,
  idempotencyStore: (c) => c.env.DB,
  afterGuard: (access) =>
    typeof access.scope === "object" && !access.reachesDeletedOrg ? [liveTarget(access.scope.param)] : [],
});

/**
 * An org route: the guard, the liveness check, `Idempotency-Key` replays, then the plan feature
 * (last, so a replayed create answers as it first did even once its quota is used).
 */
export function guardedRoute<P extends string, R extends RouteConfig & DocumentedRoute & { path: P }>(
  access: OrgAccess,
  route: R,
): R {
  // The liveness check's 404 is documented on every route it guards.
  const live = typeof access.scope === "object" && !access.reachesDeletedOrg;
  const created = guarded(
    access,
    live ? { ...route, responses: { ...errorsFor("NOT_FOUND"), ...route.responses } } : route,
  );
  if (!access.feature || __BENCH_NO_ENTITLEMENT_GUARD__) return created;
  const param = typeof access.scope === "object" ? access.scope.param : undefined;
  if (!param) throw new Error("A feature-gated route must name its organization in a path parameter");
  return { ...created, middleware: [created.middleware ?? [], requireFeature(access.feature, param)].flat() };
}
