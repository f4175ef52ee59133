import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, expectError, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, createUserWith, orgId } from "../../../test/helpers";

const move = (id: string, body: unknown) =>
  api(`/api/v1/users/${id}/membership`, { method: "PUT", ...json(body, serviceHeaders()) });

describe("PUT /api/v1/users/{id}/membership", () => {
  it("moves a user into another organization with the role's default permissions", async () => {
    const user = await createUserWith({
      role: "member",
      permissions: {
        chat: { enabled: false, components: ["x"], lookbackWindow: 1 },
        interactions: { enabled: false },
        patterns: { enabled: false },
        teamManagement: { enabled: true },
        apiKeyManagement: { enabled: true },
      },
    });
    const organizationId = await orgId();
    const { data } = await expectData<{ data: User }>(
      await move(user.id, { organizationId, role: "owner" }),
      200,
    );
    expect(data).toMatchObject({ id: user.id, organizationId, role: "owner" });
    expect(data.permissions).toEqual({
      chat: { enabled: true, components: [], lookbackWindow: 30 },
      interactions: { enabled: true },
      patterns: { enabled: true },
      teamManagement: { enabled: true },
      apiKeyManagement: { enabled: true },
    });
  });

  it("answers 404 for an organization that does not exist or was deleted, and moves nobody", async () => {
    const user = await createUserWith({ organizationId: (await createOrg()).id });
    await expectError(
      await move(user.id, { organizationId: crypto.randomUUID(), role: "member" }),
      404,
      "NOT_FOUND",
    );
    const gone = await createOrg();
    await env.ORG_DB.prepare("UPDATE organization SET deleted_at = ? WHERE id = ?")
      .bind(Date.now(), gone.id)
      .run();
    await expectError(await move(user.id, { organizationId: gone.id, role: "member" }), 404, "NOT_FOUND");
    const row = await env.DB.prepare("select organization_id from user where id = ?").bind(user.id).first();
    expect(row).toEqual({ organization_id: user.organizationId });
  });

  it("retires the personal organization a service move empties, as the user flows do", async () => {
    const personal = await createOrg({ kind: "personal" });
    const user = await createUserWith({ organizationId: personal.id, role: "owner" });
    const target = await createOrg();
    await expectData(await move(user.id, { organizationId: target.id, role: "member" }), 200);
    const row = await env.ORG_DB.prepare("select deleted_at from organization where id = ?")
      .bind(personal.id)
      .first<{ deleted_at: number | null }>();
    expect(row?.deleted_at).toEqual(expect.any(Number));
  });

  it("answers 404 for an unknown user and 400 for a bad body", async () => {
    const organizationId = await orgId();
    await expectError(await move(crypto.randomUUID(), { organizationId, role: "member" }), 404, "NOT_FOUND");
    const user = await createUserWith({});
    const body = await expectError(
      await move(user.id, { organizationId: "x", role: "boss" }),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details.map((d) => d.path)).toEqual(["body.organizationId", "body.role"]);
  });

  it("moves only while the user is still in fromOrganizationId (compare-and-set)", async () => {
    const user = await createUserWith({});
    const first = await orgId();
    const second = await orgId();
    const from = user.organizationId!;
    await expectData(
      await move(user.id, { organizationId: first, role: "owner", fromOrganizationId: from }),
      200,
    );
    const stale = await move(user.id, { organizationId: second, role: "owner", fromOrganizationId: from });
    await expectError(stale, 409, "CONFLICT");
    const again = await expectData<{ data: User }>(
      await move(user.id, { organizationId: second, role: "owner", fromOrganizationId: first }),
      200,
    );
    expect(again.data.organizationId).toBe(second);
  });
});
