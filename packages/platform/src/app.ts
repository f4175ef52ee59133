import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, Hono, Schema } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv, PlatformBindings } from "./context";
import { d1Session } from "./d1-session";
import { docsRouter } from "./docs";
import { errorResponse, onError, onNotFound } from "./envelope";
import { unavailable } from "./errors";
import { gatewayTrust } from "./guards/gateway";
import { requestLog } from "./logger";
import { createRouter, dataResponse, errorsFor, withIntegerFormats, withPlatformHeaders } from "./openapi";
import { requestId } from "./request-id";

/**
 * Every service owns one D1 database, bound as `DB`, and serves its API reference's files from the
 * static assets bound as `ASSETS`.
 */
type ServiceBindings = PlatformBindings & { DB: D1Database; ASSETS: Fetcher };

type ServiceRouter<B extends ServiceBindings, V extends object> = OpenAPIHono<
  { Bindings: B; Variables: V },
  Schema,
  "/"
>;

/**
 * The routes a router declares, as `hc` reads them; given a union of routers, the union of theirs.
 * A router with no typed route (a plain `.get`, or routes added to it statement by statement) adds
 * none: its empty schema in the union would turn the whole client into `unknown`.
 */
type SchemaOf<R> = R extends Hono<infer _E, infer S, "/"> ? (keyof S extends never ? never : S) : never;

export interface AppOptions<
  B extends ServiceBindings,
  V extends { db: unknown },
  R extends readonly ServiceRouter<B, V>[],
> {
  service: string;
  title: string;
  version: string;
  description: string;
  /** The document's top-level tags, one per router, each with what it groups. */
  tags: { name: string; description: string }[];
  /** The data-access handle put in `c.var.db` for every /api/v1 request. */
  database: (d1: D1Database) => V["db"];
  /**
   * The service's routers, mounted at `/` in this order. The first matching route answers, so a
   * router with literal segments (`/users/me`, `/org-builders`) goes before the one whose `/{id}`
   * route would match them too.
   */
  // The intersection lets TypeScript infer B and V from the routers while R keeps each one's routes.
  routers: R & readonly ServiceRouter<B, V>[];
  /**
   * `/api/v1` path prefixes that carry their own authorization (a signed URL a browser calls
   * directly) and so skip the gateway key; every route under them must check its own credential.
   */
  ungated?: string[];
}

/** Largest body any route accepts (the 5 MB image uploads plus multipart framing). */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Who answers for the API and under what terms; shown in the document's `info`. */
const CONTACT = { name: "Platform API team", email: "platform-api@example.com" };
const LICENSE = { name: "Proprietary", identifier: "LicenseRef-Proprietary" };

const HEALTH_TAG = { name: "Health", description: "Liveness of the worker and its database (public)." };

/** `org-service` → `getOrgServiceHealth`: unique across the services, as every operationId is. */
const healthOperationId = (service: string) =>
  `get${service.replace(/(^|-)([a-z])/g, (_, _dash, letter: string) => letter.toUpperCase())}Health`;

const healthRoute = (service: string) =>
  createRoute({
    method: "get",
    path: "/health",
    operationId: healthOperationId(service),
    tags: [HEALTH_TAG.name],
    summary: "Liveness and dependency check",
    description: "Public (no key): answers 200 when the worker runs and D1 answers a query, 503 otherwise.",
    security: [],
    responses: withPlatformHeaders(
      {
        200: dataResponse(
          z.object({
            status: z.literal("ok"),
            service: z.string().max(64),
            checks: z.object({ d1: z.literal("ok") }),
          }),
          "The service and its dependencies answer",
        ),
        ...errorsFor("SERVICE_UNAVAILABLE", "INTERNAL_ERROR"),
      },
      false,
    ),
  });

/**
 * The service's app: the platform's routes and middleware, then `options.routers` mounted at `/`.
 * Its type carries every router's routes, so `hc<typeof app>` is a typed client of the service.
 */
export function createApp<
  B extends ServiceBindings,
  V extends { db: unknown },
  // const: R stays the tuple of the routers as written; without it TypeScript widens it to its bound.
  const R extends readonly ServiceRouter<B, V>[],
>(options: AppOptions<B, V, R>) {
  const app = createRouter<B, V>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", requestId(), requestLog(options.service));
  app.use("*", bodyLimit({ maxSize: MAX_BODY_BYTES }));
  app.use("/api/v1/*", gatewayTrust(options.ungated), d1Session());
  app.use("/api/v1/*", async (c, next) => {
    (c as unknown as Context<{ Variables: { db: V["db"] } }>).set("db", options.database(c.env.DB));
    await next();
  });

  const withHealth = app.openapi(healthRoute(options.service), async (c) => {
    try {
      await c.env.DB.prepare("SELECT 1").first();
    } catch (err) {
      throw unavailable("D1", err);
    }
    return c.json(
      { data: { status: "ok" as const, service: options.service, checks: { d1: "ok" as const } } },
      200,
    );
  });
  for (const router of options.routers) app.route("/", router);
  // CORS: none. The services are called server to server through the gateway, so no response
  // carries Access-Control-Allow-Origin and a preflight that no route answers itself is refused.
  app.options("*", (c) =>
    errorResponse(
      c,
      "FORBIDDEN",
      "Cross-origin requests are not accepted; call this service through the gateway",
    ),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "gatewayKey", {
    type: "apiKey",
    in: "header",
    name: "X-Internal-Key",
    description: "Shared secret proving the request came through the API gateway.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "serviceKey", {
    type: "apiKey",
    in: "header",
    name: "X-Service-API-Key",
    description: "Service principal (gateway, auth service, the other worker).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "User principal: a JWT issued by the Better Auth jwt plugin, verified as RFC8725 (JWT Best Current " +
      "Practices) asks: the accepted algorithms come from the JWKS keys, never from the token's header (so " +
      "`none` is never accepted), and `iss`, `aud` and `exp` are always checked.",
  });

  // Not registered as a route: the document lists the API, not itself.
  app.get("/openapi.json", (c) => {
    const document = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: options.title,
        version: options.version,
        description: options.description,
        contact: CONTACT,
        license: LICENSE,
      },
      servers: [
        {
          url: c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin,
          description: `${c.env.ENVIRONMENT ?? "production"} environment, through the API gateway`,
          "x-internal": false,
        },
      ],
      tags: [HEALTH_TAG, ...options.tags],
    });
    return c.json(withIntegerFormats(document));
  });
  app.route("/", docsRouter(options.title));
  // The loop above mounts every router at `/`, where Hono's `route` keeps a router's routes as they are.
  return withHealth as OpenAPIHono<AppEnv<B, V>, SchemaOf<typeof withHealth> | SchemaOf<R[number]>, "/">;
}
