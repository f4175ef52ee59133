import { env } from "cloudflare:workers";
import { expectError, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";

describe("every worker's own error answers are the envelope", () => {
  it("the auth worker's errors carry details like the services'", async () => {
    const body = await expectError(await env.AUTH.fetch("http://auth.test/nope"), 404, "NOT_FOUND");
    expect(body.error.details).toEqual([]);
  });

  // A >64 KB URL got a plain-text 414 from `wrangler dev`: that is wrangler's local proxy in front of
  // the worker. The workers themselves answer such a URL with the envelope.
  it.each([
    ["org", () => env.ORG],
    ["user", () => env.USER],
  ])("the %s worker answers a 70 KB URL with the envelope", async (_, worker) => {
    const res = await worker().fetch(`http://svc.test/api/v1/organizations?search=${"a".repeat(70_000)}`, {
      headers: serviceHeaders(),
    });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; details: unknown[] } };
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
