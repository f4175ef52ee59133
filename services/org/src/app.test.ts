import {
  describeAppBasics,
  expectError,
  failingDb,
  GATEWAY_KEY,
  PREVIOUS_SERVICE_KEY,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith } from "../test/helpers";

describe("app basics", () => {
  describeAppBasics({
    service: "org-service",
    api,
    apiWithDb: (db, path, init) => callWith(path, init ?? {}, { DB: db }),
    postPath: "/api/v1/organizations",
    missing: (id) => ({ path: `/api/v1/organizations/${id}`, headers: serviceHeaders(id) }),
  });
});

describe("envelope", () => {
  it("echoes a caller's X-Request-Id in the header and the error body", async () => {
    const res = await api("/api/v1/nope", { headers: { "x-request-id": "req-abc.123" } });
    expect(res.headers.get("x-request-id")).toBe("req-abc.123");
    expect((await expectError(res, 401, "UNAUTHORIZED")) as unknown).toMatchObject({
      requestId: "req-abc.123",
    });
  });

  it("replaces a request id that is not a safe token", async () => {
    const res = await api("/health", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("turns an unexpected exception into INTERNAL_ERROR without leaking it", async () => {
    const leakyDb = failingDb("SELECT password FROM secrets WHERE key = 'sk_live_leak'");
    const id = crypto.randomUUID();
    const res = await callWith(
      `/api/v1/organizations/${id}`,
      { headers: serviceHeaders(id) },
      { DB: leakyDb },
    );
    const body = await expectError(res, 500, "INTERNAL_ERROR");
    expect(JSON.stringify(body)).not.toMatch(/password|sk_live_leak|SELECT|at /);
  });
});

describe("gateway and service keys", () => {
  it.each([
    ["everything", "INTERNAL_GATEWAY_KEY", { INTERNAL_GATEWAY_KEY: "" }],
    ["service keys", "SERVICE_API_KEY", { SERVICE_API_KEY: " , " }],
  ])("refuses %s with 503 when %s is not configured", async (_, __, overrides) => {
    const id = crypto.randomUUID();
    const res = await callWith(`/api/v1/organizations/${id}`, { headers: serviceHeaders(id) }, overrides);
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  const basic = (id: string) => ({
    "x-internal-key": GATEWAY_KEY,
    "x-organization-id": id,
    authorization: "Basic dXNlcjpwYXNz",
  });
  it.each([
    [
      "accepts every key in the rotation list",
      (id: string) => ({ ...serviceHeaders(id), "x-service-api-key": PREVIOUS_SERVICE_KEY }),
      404,
      "NOT_FOUND",
    ],
    [
      "refuses a request carrying both a service key and a bearer token",
      (id: string) => ({ ...serviceHeaders(id), authorization: "Bearer x.y.z" }),
      401,
      "UNAUTHORIZED",
    ],
    ["refuses an Authorization header that is not a bearer token", basic, 401, "UNAUTHORIZED"],
  ] as const)("%s", async (_, headers, status, code) => {
    const id = crypto.randomUUID();
    await expectError(await api(`/api/v1/organizations/${id}`, { headers: headers(id) }), status, code);
  });
});
