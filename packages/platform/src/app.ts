import { createRoute, z } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv, PlatformBindings } from "./context";
import { onError, onNotFound } from "./envelope";
import { unavailable } from "./errors";
import { gatewayTrust } from "./guards/gateway";
import { requestLog } from "./logger";
import { createRouter, dataResponse, errorsFor } from "./openapi";
import { requestId } from "./request-id";

export interface AppOptions<B extends PlatformBindings> {
  service: string;
  title: string;
  version: string;
  description: string;
  /** Probes each dependency; throws when one is down. */
  health: (c: Context<AppEnv<B>>) => Promise<Record<string, "ok">>;
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
    ...errorsFor("SERVICE_UNAVAILABLE"),
  },
});

export function createApp<B extends PlatformBindings, V extends object = object>(options: AppOptions<B>) {
  const app = createRouter<B, V>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use("*", requestId(), requestLog(options.service));
  app.use("*", bodyLimit({ maxSize: MAX_BODY_BYTES }));
  app.use("/api/v1/*", gatewayTrust());

  app.openapi(healthRoute, async (c) => {
    let checks: Record<string, "ok">;
    try {
      checks = await options.health(c as unknown as Context<AppEnv<B>>);
    } catch (err) {
      throw unavailable("A dependency", err);
    }
    return c.json({ data: { status: "ok" as const, service: options.service, checks } }, 200);
  });

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
