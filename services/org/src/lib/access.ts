import { bindingRateLimiter, type CallerUser, createGuardedRoute } from "@svc/platform";
import type { Context } from "hono";
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

/** 100 requests a minute per principal (the RATE_LIMITER binding). */
const rateLimit = bindingRateLimiter<OrgAppEnv>({
  default: { binding: (c) => c.env.RATE_LIMITER, retryAfterSeconds: 60 },
});

export const guardedRoute = createGuardedRoute<OrgAppEnv>({ resolveUser, rateLimit });
