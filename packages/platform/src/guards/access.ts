import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, PermissionFlag, Principal, Role } from "../context";
import { ApiError } from "../errors";
import { commonErrors, payloadTooLarge, withPlatformHeaders } from "../openapi";
import { authenticate, type ResolveUser } from "./principal";

/**
 * What a route accepts, declared once: it drives the guard middleware, the route's OpenAPI
 * `security`, and the `x-access` extension the guard-matrix tests read.
 * - scope "global": not tied to an organization (service-only lookups, sync, create).
 * - scope "caller": acts inside the caller's organization (the tenant).
 * - scope { param }: the path parameter names the target organization; it must be the tenant.
 */
export interface Access {
  principals: readonly Principal["kind"][];
  scope: "global" | "caller" | { param: string };
  minRole?: Role;
  /** A member holding this permission flag passes the role check too. */
  permission?: PermissionFlag;
  /** Named limiter for every principal; without one, user principals get the "default" limiter. */
  rateLimit?: string;
}

export type RateLimiter<E extends AppEnv = AppEnv> = (
  c: Context<E>,
  key: string,
  name: string,
) => Promise<void>;

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

function tenantOf<E extends AppEnv>(c: Context<E>, principal: Principal, access: Access): string | undefined {
  const header = c.req.header("x-organization-id");
  if (principal.kind === "user") {
    if (header !== undefined && header !== principal.user.organizationId) {
      throw new ApiError("FORBIDDEN", "X-Organization-Id does not match your organization");
    }
    return principal.user.organizationId;
  }
  if (access.scope === "global") return undefined;
  if (!header) throw new ApiError("FORBIDDEN", "X-Organization-Id is required for this route");
  return header;
}

function checkRole(principal: Principal, access: Access) {
  if (principal.kind !== "user" || !access.minRole) return;
  const { role, permissions } = principal.user;
  if (RANK[role] >= RANK[access.minRole]) return;
  if (access.permission && permissions[access.permission]?.enabled) return;
  throw new ApiError(
    "FORBIDDEN",
    `Requires role ${access.minRole}${access.permission ? ` or ${access.permission}` : ""}`,
  );
}

export interface GuardOptions<E extends AppEnv = AppEnv> {
  resolveUser: ResolveUser<E>;
  rateLimit?: RateLimiter<E>;
}

/** Steps 2–5 of the guard chain for one route: principal, kind, tenant, role, rate limit. */
export function guard<E extends AppEnv>(access: Access, options: GuardOptions<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    const principal = await authenticate(c, options.resolveUser);
    c.set("principal", principal);
    if (!access.principals.includes(principal.kind)) {
      throw new ApiError("FORBIDDEN", `This route does not accept ${principal.kind} credentials`);
    }
    const tenant = tenantOf(c, principal, access);
    if (typeof access.scope === "object" && c.req.param(access.scope.param) !== tenant) {
      throw new ApiError("FORBIDDEN", "The target organization is not your organization");
    }
    if (tenant !== undefined) c.set("tenantId", tenant);
    checkRole(principal, access);
    // The per-minute limit is per user. Service principals (the gateway, the auth service, the
    // other worker) carry many users' traffic and are limited at the gateway; a route's named
    // limit (such as deleting an organization) applies to every principal.
    const limit = access.rateLimit ?? (principal.kind === "user" ? "default" : undefined);
    if (options.rateLimit && limit) {
      const key =
        principal.kind === "user" ? `user:${principal.user.id}` : `service:${principal.keyFingerprint}`;
      await options.rateLimit(c, key, limit);
    }
    await next();
  };
}

const SECURITY: Record<Principal["kind"], Record<string, string[]>> = {
  service: { gatewayKey: [], serviceKey: [] },
  user: { gatewayKey: [], bearerAuth: [] },
};

const TenantHeader = z.object({
  "x-organization-id": z
    .string()
    .min(1)
    .max(36)
    .optional()
    .openapi({
      description:
        "The caller's organization (the tenant). A service principal must send it; a user may, and it must " +
        "then be their own organization. Any other value is 403.",
      example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
    }),
});

/** A tenant-scoped route documents (and accepts) X-Organization-Id beside its own headers. */
function withTenantHeader(access: Access, request: RouteConfig["request"]): RouteConfig["request"] {
  if (access.scope === "global") return request;
  const own = request?.headers;
  const headers = own instanceof z.ZodObject ? own.extend(TenantHeader.shape) : TenantHeader;
  return { ...request, headers };
}

/** Whether a route's answers pass through a rate limiter (and so carry the RateLimit fields). */
export const isRateLimited = (access: Access) =>
  access.rateLimit !== undefined || access.principals.includes("user");

/**
 * What every operation must say about itself. `operationId` is the operation's stable name in
 * generated clients: camelCase, verb first, unique across both services (see the README).
 */
export interface DocumentedRoute {
  operationId: string;
  summary: string;
  description: string;
}

/**
 * `createRoute` for a guarded route: the guard runs before any validation or lookup. The common
 * error responses, 413 for a route with a body, and the platform's response headers are added.
 */
export function createGuardedRoute<E extends AppEnv>(options: GuardOptions<E>) {
  return <R extends RouteConfig & DocumentedRoute>(access: Access, route: R) =>
    createRoute({
      ...route,
      request: withTenantHeader(access, route.request),
      security: access.principals.map((kind) => SECURITY[kind]),
      "x-access": access,
      // Marks the operations whose answers carry the RateLimit fields (the lint checks they are documented).
      ...(isRateLimited(access) ? { "x-rate-limited": true } : {}),
      middleware: [guard(access, options)],
      responses: withPlatformHeaders(
        { ...commonErrors, ...(route.request?.body ? payloadTooLarge : {}), ...route.responses },
        isRateLimited(access),
      ),
    } as R);
}
