import { expectData, expectError, serviceHeaders, stubOutbound } from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, apiWith } from "../../../test/helpers";

afterEach(() => vi.restoreAllMocks());

const BILLING = "http://billing.test";
const call = (overrides: Record<string, string>, query = "") =>
  apiWith(overrides as never, `/api/v1/billing-builders${query}`, {
    headers: { ...serviceHeaders(), "x-request-id": "req-billing-1" },
  });

describe("GET /api/v1/billing-builders", () => {
  it("proxies to the billing service with the query and the request id", async () => {
    let seen: Request | undefined;
    stubOutbound(null, {
      [`${BILLING}/api/v1/billing-builders`]: (req) => {
        seen = req;
        return Response.json({ data: [{ id: "bb_1" }], pagination: { hasMore: false } });
      },
    });
    const body = await expectData(await call({ BILLING_SERVICE_URL: BILLING }, "?limit=5"), 200);
    expect(body).toEqual({ data: [{ id: "bb_1" }], pagination: { hasMore: false } });
    expect(new URL(seen!.url).searchParams.get("limit")).toBe("5");
    expect(seen!.headers.get("x-request-id")).toBe("req-billing-1");
  });

  it("answers 503 when unset, unreachable, failing or answering nonsense", async () => {
    await expectError(
      await api("/api/v1/billing-builders", { headers: serviceHeaders() }),
      503,
      "SERVICE_UNAVAILABLE",
    );
    stubOutbound(null, {
      [`${BILLING}/api/v1/billing-builders`]: () => new Response("boom", { status: 502 }),
      "http://billing-bad.test/api/v1/billing-builders": () => Response.json([1, 2]),
    });
    for (const url of [BILLING, "http://billing-bad.test", "http://billing-down.test"]) {
      await expectError(await call({ BILLING_SERVICE_URL: url }), 503, "SERVICE_UNAVAILABLE");
    }
  });
});
