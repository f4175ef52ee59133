import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expectData, expectError, GATEWAY_KEY, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "./index";

const call = (path: string, init?: RequestInit, overrides: Partial<Cloudflare.Env> = {}) =>
  worker.fetch(
    new Request(`http://user.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

describe("public routes", () => {
  it("GET /health checks D1 and echoes a generated request id", async () => {
    const res = await exports.default.fetch("http://user.test/health");
    expect(await expectData(res, 200)).toEqual({
      data: { status: "ok", service: "user-service", checks: { d1: "ok" } },
    });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("GET /health answers 503 in the envelope when D1 fails", async () => {
    const brokenDb = {
      prepare: () => {
        throw new Error("D1_ERROR: no such table: secret_table");
      },
    } as unknown as D1Database;
    const body = await expectError(await call("/health", {}, { DB: brokenDb }), 503, "SERVICE_UNAVAILABLE");
    expect(JSON.stringify(body)).not.toContain("secret_table");
  });

  it("GET /openapi.json documents security and the error envelope on every guarded operation", async () => {
    const doc = await expectData<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>(await exports.default.fetch("http://user.test/openapi.json"), 200);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      "bearerAuth",
      "gatewayKey",
      "serviceKey",
    ]);
    const guarded = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/v1/"));
    expect(guarded.length).toBeGreaterThan(0);
    for (const [path, item] of guarded) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.security?.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const status of ["400", "401", "403", "429", "500", "503"]) {
          expect(op.responses[status], `${method} ${path} ${status}`).toMatchObject({
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
          });
        }
      }
    }
  });
});

describe("envelope", () => {
  it("answers an unknown route with the NOT_FOUND envelope", async () => {
    await expectError(await exports.default.fetch("http://user.test/nope"), 404, "NOT_FOUND");
    const res = await exports.default.fetch("http://user.test/api/v1/nope", {
      headers: { "x-internal-key": GATEWAY_KEY },
    });
    await expectError(res, 404, "NOT_FOUND");
  });

  it("hides which /api/v1 routes exist from callers without the gateway key", async () => {
    await expectError(await exports.default.fetch("http://user.test/api/v1/nope"), 401, "UNAUTHORIZED");
  });

  it("answers a body over the limit with PAYLOAD_TOO_LARGE", async () => {
    const res = await exports.default.fetch("http://user.test/api/v1/users/create", {
      method: "POST",
      ...json({ name: "x".repeat(7 * 1024 * 1024) }, serviceHeaders()),
    });
    await expectError(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers a malformed JSON body with the INVALID_INPUT envelope", async () => {
    const res = await exports.default.fetch("http://user.test/api/v1/users/create", {
      method: "POST",
      body: "{not json",
      headers: { ...serviceHeaders(), "content-type": "application/json" },
    });
    await expectError(res, 400, "INVALID_INPUT");
  });
});
