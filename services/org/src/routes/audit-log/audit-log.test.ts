import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, memberOf } from "../../../test/helpers";

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

  it("refuses a member with 403", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(await api(`/api/v1/organizations/${org.id}/audit-log`, { headers }), 403, "FORBIDDEN");
  });
});
