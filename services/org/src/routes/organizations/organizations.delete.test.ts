import { expectData, expectError, fileIssuer, serviceHeaders } from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, createOrg, memberOf } from "../../../test/helpers";

const issuer = await fileIssuer();
afterEach(() => {
  vi.useRealTimers();
});

describe("DELETE /api/v1/organizations/{id}", () => {
  it("lets the owner soft-delete; the org is then 404 and its slug stays reserved", async () => {
    const { org, headers } = await memberOf(issuer, "owner");
    const res = await api(`/api/v1/organizations/${org.id}`, { method: "DELETE", headers });
    expect(res.status).toBe(204);
    await expectError(
      await api(`/api/v1/organizations/${org.id}`, { headers: serviceHeaders(org.id) }),
      404,
      "NOT_FOUND",
    );
    const check = await api(`/api/v1/organizations/check-slug/${org.slug}`, { headers: serviceHeaders() });
    expect((await expectData<{ data: unknown }>(check, 200)).data).toEqual({
      available: false,
      reason: "taken",
    });
  });

  it("refuses an admin with 403", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    await expectError(
      await api(`/api/v1/organizations/${org.id}`, { method: "DELETE", headers }),
      403,
      "FORBIDDEN",
    );
  });

  it("counts the delete limit per target organization: one service key deletes six orgs in a window", async () => {
    const window = 15 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.ceil(Date.now() / window) * window + 1_000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const org = await createOrg();
      statuses.push(
        (await api(`/api/v1/organizations/${org.id}`, { method: "DELETE", headers: serviceHeaders(org.id) }))
          .status,
      );
    }
    expect(statuses).toEqual([204, 204, 204, 204, 204, 204]);
  });

  it("allows 5 deletes per 15 minutes per principal, then 429 with Retry-After", async () => {
    // The window is fixed to the clock's quarter hours: start one second into the next window, so
    // the six requests cannot straddle a window boundary whatever the wall clock says.
    const window = 15 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.ceil(Date.now() / window) * window + 1_000);
    const { org, headers } = await memberOf(issuer, "owner");
    const answers: [number, string | null][] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api(`/api/v1/organizations/${org.id}`, { method: "DELETE", headers });
      answers.push([res.status, res.headers.get("ratelimit")]);
      expect(res.headers.get("ratelimit-policy")).toBe('"default";q=100;w=60, "orgDelete";q=5;w=900');
    }
    // What is left of the window, and when it resets, on every answer.
    expect(answers).toEqual([
      [204, '"orgDelete";r=4;t=899'],
      [404, '"orgDelete";r=3;t=899'],
      [404, '"orgDelete";r=2;t=899'],
      [404, '"orgDelete";r=1;t=899'],
      [404, '"orgDelete";r=0;t=899'],
    ]);
    const limited = await api(`/api/v1/organizations/${org.id}`, { method: "DELETE", headers });
    await expectError(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBe(899);
    expect(limited.headers.get("ratelimit")).toBe('"orgDelete";r=0;t=899');
  });
});
