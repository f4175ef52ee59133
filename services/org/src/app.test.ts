import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import {
  expectData,
  expectError,
  GATEWAY_KEY,
  json,
  PREVIOUS_SERVICE_KEY,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "./index";

const call = (path: string, init?: RequestInit, overrides: Partial<Cloudflare.Env> = {}) =>
  worker.fetch(
    new Request(`http://org.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

describe("public routes", () => {
  it("GET /health checks D1 and echoes a generated request id", async () => {
    const res = await exports.default.fetch("http://org.test/health");
    expect(await expectData(res, 200)).toEqual({
      data: { status: "ok", service: "org-service", checks: { d1: "ok" } },
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

  it("GET /openapi.json is OpenAPI 3.1 with the error envelope on every guarded operation", async () => {
    const doc = await expectData<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>(await exports.default.fetch("http://org.test/openapi.json"), 200);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      "bearerAuth",
      "gatewayKey",
      "serviceKey",
    ]);
    const guarded = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/v1/"));
    expect(guarded.length).toBeGreaterThan(0);
    for (const [, item] of guarded) {
      for (const op of Object.values(item)) {
        expect(op.security?.length).toBeGreaterThan(0);
        for (const status of ["400", "401", "403", "429", "500", "503"]) {
          expect(op.responses[status]).toMatchObject({
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
          });
        }
      }
    }
  });

  it("GET /docs serves the interactive reference", async () => {
    const res = await exports.default.fetch("http://org.test/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("/openapi.json");
  });
});

describe("envelope", () => {
  it("answers an unknown route with the NOT_FOUND envelope", async () => {
    await expectError(await exports.default.fetch("http://org.test/nope"), 404, "NOT_FOUND");
    const res = await exports.default.fetch("http://org.test/api/v1/nope", {
      headers: { "x-internal-key": GATEWAY_KEY },
    });
    await expectError(res, 404, "NOT_FOUND");
  });

  it("hides which /api/v1 routes exist from callers without the gateway key", async () => {
    await expectError(await exports.default.fetch("http://org.test/api/v1/nope"), 401, "UNAUTHORIZED");
  });

  it("echoes a caller's X-Request-Id in the header and the error body", async () => {
    const res = await exports.default.fetch("http://org.test/api/v1/nope", {
      headers: { "x-request-id": "req-abc.123" },
    });
    expect(res.headers.get("x-request-id")).toBe("req-abc.123");
    expect((await expectError(res, 401, "UNAUTHORIZED")) as unknown).toMatchObject({
      requestId: "req-abc.123",
    });
  });

  it("replaces a request id that is not a safe token", async () => {
    const res = await exports.default.fetch("http://org.test/health", {
      headers: { "x-request-id": "bad id\twith spaces" },
    });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("turns an unexpected exception into INTERNAL_ERROR without leaking it", async () => {
    const leakyDb = {
      prepare: () => {
        throw new Error("SELECT password FROM secrets WHERE key = 'sk_live_leak'");
      },
    } as unknown as D1Database;
    const id = crypto.randomUUID();
    const res = await call(`/api/v1/organizations/${id}`, { headers: serviceHeaders(id) }, { DB: leakyDb });
    const body = await expectError(res, 500, "INTERNAL_ERROR");
    expect(JSON.stringify(body)).not.toMatch(/password|sk_live_leak|SELECT|at /);
  });

  it("answers a body over the limit with PAYLOAD_TOO_LARGE", async () => {
    const res = await exports.default.fetch("http://org.test/api/v1/organizations", {
      method: "POST",
      ...json({ name: "x".repeat(7 * 1024 * 1024) }, serviceHeaders()),
    });
    await expectError(res, 413, "PAYLOAD_TOO_LARGE");
  });
});

describe("gateway and service keys", () => {
  it("refuses everything with 503 when INTERNAL_GATEWAY_KEY is not configured", async () => {
    const id = crypto.randomUUID();
    const res = await call(
      `/api/v1/organizations/${id}`,
      { headers: serviceHeaders(id) },
      { INTERNAL_GATEWAY_KEY: "" },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("refuses service keys with 503 when SERVICE_API_KEY is not configured", async () => {
    const id = crypto.randomUUID();
    const res = await call(
      `/api/v1/organizations/${id}`,
      { headers: serviceHeaders(id) },
      { SERVICE_API_KEY: " , " },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("accepts every key in the rotation list", async () => {
    const id = crypto.randomUUID();
    const res = await exports.default.fetch(`http://org.test/api/v1/organizations/${id}`, {
      headers: { ...serviceHeaders(id), "x-service-api-key": PREVIOUS_SERVICE_KEY },
    });
    await expectError(res, 404, "NOT_FOUND");
  });

  it("refuses a request carrying both a service key and a bearer token", async () => {
    const id = crypto.randomUUID();
    const res = await exports.default.fetch(`http://org.test/api/v1/organizations/${id}`, {
      headers: { ...serviceHeaders(id), authorization: "Bearer x.y.z" },
    });
    await expectError(res, 401, "UNAUTHORIZED");
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const id = crypto.randomUUID();
    const res = await exports.default.fetch(`http://org.test/api/v1/organizations/${id}`, {
      headers: {
        "x-internal-key": GATEWAY_KEY,
        "x-organization-id": id,
        authorization: "Basic dXNlcjpwYXNz",
      },
    });
    await expectError(res, 401, "UNAUTHORIZED");
  });
});
