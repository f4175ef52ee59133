import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { PlatformBindings } from "./context";
import { onError, onNotFound } from "./envelope";
import { unavailable } from "./errors";
import { gatewayTrust } from "./guards/gateway";
import { requestLog } from "./logger";
import { commonErrors, createRouter, dataResponse, errorsFor } from "./openapi";
import { requestId } from "./request-id";

/** Every service owns one D1 database, bound as `DB`. */
type ServiceBindings = PlatformBindings & { DB: D1Database };

export interface AppOptions<B extends ServiceBindings, V extends { db: unknown }> {
  service: string;
  title: string;
  version: string;
  description: string;
  /** The data-access handle put in `c.var.db` for every /api/v1 request. */
  database: (d1: D1Database) => V["db"];
  /**
   * The service's routers, mounted at `/` in this order. The first matching route answers, so a
   * router with literal segments (`/users/me`, `/org-builders`) goes before the one whose `/{id}`
   * route would match them too.
   */
  routers: OpenAPIHono<{ Bindings: B; Variables: V }>[];
  /**
   * `/api/v1` path prefixes that carry their own authorization (a signed URL a browser calls
   * directly) and so skip the gateway key; every route under them must check its own credential.
   */
  ungated?: string[];
}

/** Largest body any route accepts (the 5 MB image uploads plus multipart framing). */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Liveness and dependency check (public)",
  security: [],
  responses: {
    200: dataResponse(
      z.object({
        status: z.literal("ok"),
        service: z.string(),
        checks: z.record(z.string(), z.literal("ok")),
      }),
      "The service and its dependencies answer",
    ),
    ...commonErrors,
    ...errorsFor("SERVICE_UNAVAILABLE"),
  },
});

export function createApp<B extends ServiceBindings, V extends { db: unknown }>(options: AppOptions<B, V>) {
  const app = createRouter<B, V>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", requestId(), requestLog(options.service));
  app.use("*", bodyLimit({ maxSize: MAX_BODY_BYTES }));
  app.use("/api/v1/*", gatewayTrust(options.ungated));
  app.use("/api/v1/*", async (c, next) => {
    (c as unknown as Context<{ Variables: { db: V["db"] } }>).set("db", options.database(c.env.DB));
    await next();
  });

  app.openapi(healthRoute, async (c) => {
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
    description: "User principal: a JWT issued by the Better Auth jwt plugin.",
  });

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: options.title, version: options.version, description: options.description },
  });
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: options.title }));
  return app;
}
