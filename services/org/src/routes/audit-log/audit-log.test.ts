import { env } from "cloudflare:workers";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, createUser, memberOf, userServiceWith } from "../../../test/helpers";

const issuer = await fileIssuer();

interface Page {
  data: { action: string; actor: { type: string }; requestId: string; resource: { type: string } }[];
  pagination: { nextCursor: string | null; hasMore: boolean };
}

describe("GET /api/v1/organizations/{id}/audit-log", () => {
  it("lists who did what, newest first, with the request id, one cursor page at a time", async () => {
    const org = await createOrg();
    const headers = serviceHeaders(org.id);
    await api(`/api/v1/organizations/${org.id}`, {
      method: "PATCH",
      ...json({ name: "Renamed" }, { ...headers, "x-request-id": "req-audit-1" }),
    });
    await api(`/api/v1/organizations/${org.id}/settings/features`, { method: "PUT", ...json({}, headers) });

    const first = await expectData<Page>(
      await api(`/api/v1/organizations/${org.id}/audit-log?limit=2`, { headers }),
      200,
    );
    expect(first.data.map((e) => e.action)).toEqual(["settings.features.update", "organization.update"]);
    expect(first.data[1]).toMatchObject({ actor: { type: "service" }, requestId: "req-audit-1" });
    const second = await expectData<Page>(
      await api(`/api/v1/organizations/${org.id}/audit-log?limit=2&cursor=${first.pagination.nextCursor}`, {
        headers,
      }),
      200,
    );
    expect(second.data.map((e) => e.action)).toEqual(["organization.create"]);
    expect(second.pagination).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it("merges the user service's entries (roles, members) with its own, in time order, across pages", async () => {
    const org = await createOrg();
    const headers = serviceHeaders(org.id);
    const member = await createUser(org.id, "member");
    await api(`/api/v1/organizations/${org.id}`, { method: "PATCH", ...json({ name: "Renamed" }, headers) });
    const role = await env.USER_SERVICE.fetch(`http://user-service/api/v1/users/${member.id}/role`, {
      method: "PATCH",
      ...json({ role: "admin" }, { ...headers, "x-request-id": "req-role-1" }),
    });
    expect(role.status).toBe(200);
    const actions: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await expectData<Page>(
        await api(`/api/v1/organizations/${org.id}/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
          headers,
        }),
        200,
      );
      actions.push(...page.data.map((e) => e.action));
      if (page.data[0]?.action === "user.role.update") {
        expect(page.data[0]).toMatchObject({
          actor: { type: "service" },
          resource: { type: "user" },
          requestId: "req-role-1",
        });
      }
      cursor = page.pagination.nextCursor;
    } while (cursor);
    expect(actions).toEqual([
      "user.role.update",
      "organization.update",
      "user.create",
      "organization.create",
    ]);
  });

  it("answers 503 rather than a page without the user service's entries", async () => {
    const org = await createOrg();
    const down = userServiceWith((req) =>
      new URL(req.url).pathname.includes("/audit-log/") ? new Response("down", { status: 503 }) : null,
    );
    const res = await callWith(
      `/api/v1/organizations/${org.id}/audit-log`,
      { headers: serviceHeaders(org.id) },
      {
        USER_SERVICE: down,
      },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("refuses a member with 403", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(await api(`/api/v1/organizations/${org.id}/audit-log`, { headers }), 403, "FORBIDDEN");
  });
});
