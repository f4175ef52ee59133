import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, PermissionFlag, Principal, Role } from "../context";
import { BOOKMARK, MAX_BOOKMARK_LENGTH } from "../d1-session";
import { ApiError } from "../errors";
import { IdempotencyHeaders, idempotency, principalKey, withReplayHeader } from "../idempotency";
import { commonErrors, errorsFor, payloadTooLarge, withPlatformHeaders } from "../openapi";
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
  /**
   * Opt-out of the org service's one liveness check: with a `{ param }` scope, a soft-deleted
   * target organization is 404 on every route unless the route declares this (restore does).
   */
  reachesDeletedOrg?: true;
  /** Honours `Idempotency-Key` (a create POST): checked after the guard, before validation. */
  idempotent?: true;
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
  /** The database holding the service's `idempotency_key` table, for routes declared `idempotent`. */
  idempotencyStore?: (c: Context<E>) => D1Database;
  /** A service's own checks of what the guard let through (the org service: the org is live, its plan). */
  afterGuard?: (access: Access) => MiddlewareHandler<E>[];
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
    if (options.rateLimit && limit) await options.rateLimit(c, principalKey(principal), limit);
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

const BookmarkHeader = z.object({
  "x-d1-bookmark": z
    .string()
    .max(MAX_BOOKMARK_LENGTH)
    .regex(BOOKMARK)
    .optional()
    .openapi({
      description:
        "A bookmark from an earlier answer's X-D1-Bookmark: the request reads data at least that fresh " +
        "(read-your-writes across D1 read replicas). A malformed one is 400.",
      example: "0000000b-00000005-00004f8a-b0c49d4ed1b5e8e7e0c4ec8d6ec2f1c8",
    }),
});

/**
 * Every route documents (and accepts) X-D1-Bookmark, and a tenant-scoped one X-Organization-Id,
 * beside its own headers.
 */
function withPlatformRequestHeaders(access: Access, request: RouteConfig["request"]): RouteConfig["request"] {
  const platform = access.scope === "global" ? BookmarkHeader : BookmarkHeader.extend(TenantHeader.shape);
  const own = request?.headers;
  const headers = own instanceof z.ZodObject ? own.extend(platform.shape) : platform;
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

/** The route's own header schema with `Idempotency-Key` added. */
function withKeyHeader(route: RouteConfig) {
  const own = route.request?.headers;
  if (own === undefined) return IdempotencyHeaders;
  if (own instanceof z.ZodObject) return own.extend(IdempotencyHeaders.shape);
  throw new Error(`${route.method} ${route.path}: an idempotent route declares its headers as one z.object`);
}

/**
 * `createRoute` for a guarded route: the guard runs before any validation or lookup, then the
 * service's `afterGuard` check, then (for an `idempotent` route) the `Idempotency-Key` middleware,
 * which also documents the header, its 409/422 answers and `Idempotent-Replayed`. The common error
 * responses, 413 for a route with a body, and the platform's response headers are added.
 */
export function createGuardedRoute<E extends AppEnv>(options: GuardOptions<E>) {
  const { idempotencyStore } = options;
  // P keeps the route's literal path in its type, which the app's type (and `hc`) is keyed by.
  return <P extends string, R extends RouteConfig & DocumentedRoute & { path: P }>(
    access: Access,
    route: R,
  ) => {
    if (access.idempotent && !idempotencyStore) {
      throw new Error(`${route.method} ${route.path} is idempotent but the service has no idempotencyStore`);
    }
    const replays =
      access.idempotent && idempotencyStore
        ? idempotency(idempotencyStore, access.scope !== "global")
        : undefined;
    const request = access.idempotent ? { ...route.request, headers: withKeyHeader(route) } : route.request;
    const responses = {
      ...commonErrors,
      ...(route.request?.body ? payloadTooLarge : {}),
      ...(access.idempotent ? errorsFor("CONFLICT", "UNPROCESSABLE_ENTITY") : {}),
      ...route.responses,
    };
    return createRoute({
      ...route,
      request: withPlatformRequestHeaders(access, request),
      security: access.principals.map((kind) => SECURITY[kind]),
      "x-access": access,
      // Marks the operations whose answers carry the RateLimit fields (the lint checks they are documented).
      ...(isRateLimited(access) ? { "x-rate-limited": true } : {}),
      middleware: [
        guard(access, options),
        ...(options.afterGuard?.(access) ?? []),
        ...(replays ? [replays] : []),
      ],
      responses: withPlatformHeaders(
        access.idempotent ? withReplayHeader(responses) : responses,
        isRateLimited(access),
      ),
    } as R);
  };
}
