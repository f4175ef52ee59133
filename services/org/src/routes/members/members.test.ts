import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, expectError, serviceHeaders, stubOutbound } from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, createOrg, createUser, userServiceWith } from "../../../test/helpers";
import worker from "../../index";

interface Page {
  data: User[];
  pagination: { limit: number; nextCursor: string | null; hasMore: boolean };
}

const call = (path: string, init: RequestInit, overrides: Partial<Cloudflare.Env>) =>
  worker.fetch(
    new Request(`http://org.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

afterEach(() => vi.restoreAllMocks());

describe("GET /api/v1/organizations/{id}/members", () => {
  it("pages through the users the user service stores for the organization", async () => {
    const org = await createOrg();
    const other = await createOrg();
    const members = [await createUser(org.id, "owner"), await createUser(org.id), await createUser(org.id)];
    await createUser(other.id);

    const first = await expectData<Page>(
      await api(`/api/v1/organizations/${org.id}/members?limit=2`, { headers: serviceHeaders(org.id) }),
      200,
    );
    expect(first.data.map((u) => u.id)).toEqual(members.slice(0, 2).map((u) => u.id));
    expect(first.pagination).toMatchObject({ limit: 2, hasMore: true, nextCursor: expect.any(String) });

    const second = await expectData<Page>(
      await api(`/api/v1/organizations/${org.id}/members?limit=2&cursor=${first.pagination.nextCursor}`, {
        headers: serviceHeaders(org.id),
      }),
      200,
    );
    expect(second.data).toEqual([members[2]]);
    expect(second.pagination).toEqual({ limit: 2, hasMore: false, nextCursor: null });
  });

  it("answers 404 for an organization that does not exist", async () => {
    const id = crypto.randomUUID();
    await expectError(
      await api(`/api/v1/organizations/${id}/members`, { headers: serviceHeaders(id) }),
      404,
      "NOT_FOUND",
    );
  });

  it("passes the user service's 400 for a bad cursor on as that 400, not a 503", async () => {
    const org = await createOrg();
    const res = await api(`/api/v1/organizations/${org.id}/members?cursor=garbage`, {
      headers: serviceHeaders(org.id),
    });
    const body = await expectError(res, 400, "INVALID_INPUT");
    expect(body.error.message).toMatch(/cursor/i);
  });

  it("keeps a 401 from the user service (this service's own key) a 503", async () => {
    const org = await createOrg();
    const peer = userServiceWith(() =>
      Response.json({ error: { code: "UNAUTHORIZED", message: "bad key", details: [] } }, { status: 401 }),
    );
    await expectError(
      await call(
        `/api/v1/organizations/${org.id}/members`,
        { headers: serviceHeaders(org.id) },
        {
          USER_SERVICE: peer,
        },
      ),
      503,
      "SERVICE_UNAVAILABLE",
    );
  });

  it("rejects a limit over 100", async () => {
    const org = await createOrg();
    const res = await api(`/api/v1/organizations/${org.id}/members?limit=101`, {
      headers: serviceHeaders(org.id),
    });
    await expectError(res, 400, "INVALID_INPUT");
  });

  it("forwards the request id and the service credentials through the binding", async () => {
    const org = await createOrg();
    const member = await createUser(org.id, "owner");
    let seen: Headers | undefined;
    // Recorded on the way to the real user service, which answers.
    const USER_SERVICE = userServiceWith((req) => {
      seen = req.headers;
      return null;
    });
    const res = await call(
      `/api/v1/organizations/${org.id}/members`,
      { headers: { ...serviceHeaders(org.id), "x-request-id": "trace-42" } },
      { USER_SERVICE },
    );
    expect((await expectData<Page>(res, 200)).data).toEqual([member]);
    expect(seen?.get("x-request-id")).toBe("trace-42");
    expect(seen?.get("x-internal-key")).toBe(env.INTERNAL_GATEWAY_KEY);
    expect(env.SERVICE_API_KEY.split(",")).toContain(seen?.get("x-service-api-key"));
    expect(seen?.get("x-organization-id")).toBe(org.id);
  });

  it.each([
    [
      "is down",
      async () => {
        throw new Error("connection refused");
      },
    ],
    ["fails with a 5xx", async () => new Response("boom", { status: 500 })],
  ])("answers 503 when the user service %s", async (_, fetch) => {
    const org = await createOrg();
    const res = await call(
      `/api/v1/organizations/${org.id}/members`,
      { headers: serviceHeaders(org.id) },
      { USER_SERVICE: { fetch } as unknown as Fetcher },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("reaches the user service over USER_SERVICE_URL when no binding is configured", async () => {
    const org = await createOrg();
    const member = await createUser(org.id);
    const forward = stubOutbound(null, {
      [`http://users.test/api/v1/users/by-organization/${org.id}`]: (req) => env.USER_SERVICE.fetch(req),
    });
    const res = await call(
      `/api/v1/organizations/${org.id}/members`,
      { headers: serviceHeaders(org.id) },
      { USER_SERVICE: undefined as unknown as Fetcher, USER_SERVICE_URL: "http://users.test" },
    );
    expect((await expectData<Page>(res, 200)).data).toEqual([member]);
    expect(forward).toHaveBeenCalledTimes(1);
  });

  it("answers 503 when neither a binding nor a URL is configured", async () => {
    const org = await createOrg();
    const res = await call(
      `/api/v1/organizations/${org.id}/members`,
      { headers: serviceHeaders(org.id) },
      { USER_SERVICE: undefined as unknown as Fetcher, USER_SERVICE_URL: "" },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });
});
