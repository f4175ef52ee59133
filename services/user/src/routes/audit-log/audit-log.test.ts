import { env } from "cloudflare:workers";
import { expectData, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUser, orgId, post } from "../../../test/helpers";

interface Page {
  data: { action: string; resource: { id: string }; requestId: string; actor: { type: string } }[];
  pagination: { hasMore: boolean; nextCursor: string | null };
}
const log = async (organizationId: string) =>
  (
    await expectData<Page>(
      await api(`/api/v1/audit-log/by-organization/${organizationId}?limit=100`, {
        headers: serviceHeaders(organizationId),
      }),
      200,
    )
  ).data;
const send = (path: string, method: string, body: unknown, organizationId: string, requestId: string) =>
  api(path, { method, ...json(body, { ...serviceHeaders(organizationId), "x-request-id": requestId }) });

describe("the user service's audit entries", () => {
  it("records role, permission, membership and removal changes in every org they touch", async () => {
    const org = await orgId();
    const next = await orgId();
    const owner = await createUser(org, "owner");
    const member = await createUser(org, "member");
    const leaver = await createUser(org, "member");
    expect(
      (await send(`/api/v1/users/${member.id}/role`, "PATCH", { role: "admin" }, org, "r-role")).status,
    ).toBe(200);
    const permissions = { ...member.permissions, patterns: { enabled: false } };
    expect(
      (await send(`/api/v1/users/${member.id}/permissions`, "PUT", permissions, org, "r-perm")).status,
    ).toBe(200);
    expect(
      (
        await send(
          `/api/v1/users/${leaver.id}/membership`,
          "PUT",
          { organizationId: next, role: "member" },
          org,
          "r-move",
        )
      ).status,
    ).toBe(200);
    expect(
      (await api(`/api/v1/users/${member.id}`, { method: "DELETE", headers: serviceHeaders(org) })).status,
    ).toBe(204);
    // A refused change leaves no entry: the last owner cannot be demoted.
    expect(
      (await send(`/api/v1/users/${owner.id}/role`, "PATCH", { role: "member" }, org, "r-refused")).status,
    ).toBe(409);

    const entries = await log(org);
    expect(entries.map((e) => [e.action, e.resource.id])).toEqual([
      ["user.remove", member.id],
      ["user.membership.leave", leaver.id],
      ["user.permissions.update", member.id],
      ["user.role.update", member.id],
      ["user.create", leaver.id],
      ["user.create", member.id],
      ["user.create", owner.id],
    ]);
    expect(entries.map((e) => e.requestId)).not.toContain("r-refused");
    expect(entries.find((e) => e.action === "user.role.update")).toMatchObject({
      requestId: "r-role",
      actor: { type: "service" },
    });
    expect((await log(next)).map((e) => e.action)).toEqual(["user.membership.join"]);
  });

  it("records a user builder draft under the organization it names", async () => {
    const org = crypto.randomUUID();
    const res = await post(
      "/api/v1/user-builders",
      { organizationId: org, role: "member" },
      serviceHeaders(),
    );
    const { data } = await expectData<{ data: { id: string } }>(res, 201);
    expect((await log(org)).map((e) => [e.action, e.resource.id])).toEqual([
      ["user_builder.create", data.id],
    ]);
  });

  it("purges entries older than `before`, at most `limit` at a time", async () => {
    const org = await orgId();
    const insert = "insert into audit_log values (?, ?, 'system', 'job', 'x.old', 't', 'r', 'req', null, ?)";
    for (let i = 0; i < 3; i++)
      await env.DB.prepare(insert)
        .bind(crypto.randomUUID(), org, 1000 + i)
        .run();
    await createUser(org, "member");
    const purge = (limit: number) =>
      post("/api/v1/audit-log/purge", { before: 5000, limit }, serviceHeaders());
    expect((await expectData<{ data: unknown }>(await purge(2), 200)).data).toEqual({ deleted: 2 });
    expect((await expectData<{ data: unknown }>(await purge(2), 200)).data).toEqual({ deleted: 1 });
    const left = await rowsOf<{ action: string }>(
      env.DB,
      "select action from audit_log where organization_id = ?",
      org,
    );
    expect(left.map((r) => r.action)).toEqual(["user.create"]);
  });
});
