import type { User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, serviceHeaders, userHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUser, createUserWith, orgId, post, tokenFor } from "../../../test/helpers";

const issuer = await fileIssuer();

type Page = { data: User[]; pagination: { limit: number; hasMore: boolean; nextCursor: string | null } };

describe("POST /api/v1/users/create", () => {
  it("creates a user with role defaults and an ISO timestamp (201)", async () => {
    const user = await createUserWith({ role: "admin", email: "MiXeD-create@Example.com" });
    expect(user).toMatchObject({ role: "admin", email: "mixed-create@example.com", status: "active" });
    expect(user.permissions.teamManagement.enabled).toBe(true);
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt);
  });

  it("answers 404 for an organization that does not exist, creating nobody", async () => {
    const id = crypto.randomUUID();
    const res = await post(
      "/api/v1/users/create",
      { betterAuthUserId: `ba_${id}`, email: `${id}@example.com`, organizationId: crypto.randomUUID() },
      serviceHeaders(),
    );
    await expectError(res, 404, "NOT_FOUND");
    await expectError(
      await api(`/api/v1/users/by-auth-id/ba_${id}`, { headers: serviceHeaders() }),
      404,
      "NOT_FOUND",
    );
  });

  it("answers 409 for a live email or identity, 400 for bad permissions", async () => {
    const user = await createUser();
    const create = (body: unknown) => post("/api/v1/users/create", body, serviceHeaders());
    await expectError(await create({ betterAuthUserId: "ba_other", email: user.email }), 409, "CONFLICT");
    await expectError(
      await create({ betterAuthUserId: user.betterAuthUserId, email: "fresh@example.com" }),
      409,
      "CONFLICT",
    );
    const bad = await create({
      betterAuthUserId: "ba_x",
      email: "x@example.com",
      permissions: { chat: { enabled: "yes" } },
    });
    await expectError(bad, 400, "INVALID_INPUT");
  });
});

describe("GET /api/v1/users/{id}", () => {
  it("returns a user of the same organization to a member and to a service", async () => {
    const target = await createUser();
    const { token } = await tokenFor(issuer, target.organizationId!);
    expect(
      (
        await expectData<{ data: User }>(
          await api(`/api/v1/users/${target.id}`, { headers: userHeaders(token) }),
          200,
        )
      ).data,
    ).toEqual(target);
    const res = await api(`/api/v1/users/${target.id}`, { headers: serviceHeaders(target.organizationId!) });
    expect((await expectData<{ data: User }>(res, 200)).data).toEqual(target);
  });

  it("answers another tenant's user with 404, exactly like an unknown id", async () => {
    const stranger = await createUser();
    const { token } = await tokenFor(issuer);
    await expectError(
      await api(`/api/v1/users/${stranger.id}`, { headers: userHeaders(token) }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await api(`/api/v1/users/${crypto.randomUUID()}`, { headers: userHeaders(token) }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await api("/api/v1/users/not-a-uuid", { headers: userHeaders(token) }),
      400,
      "INVALID_INPUT",
    );
  });
});

describe("GET /api/v1/users/by-auth-id/{betterAuthUserId}", () => {
  it("finds a live user for a service; 404 otherwise; 401 with no credentials at all", async () => {
    const user = await createUser();
    const res = await api(`/api/v1/users/by-auth-id/${user.betterAuthUserId}`, { headers: serviceHeaders() });
    expect((await expectData<{ data: User }>(res, 200)).data).toEqual(user);
    await expectError(
      await api("/api/v1/users/by-auth-id/ba_nobody", { headers: serviceHeaders() }),
      404,
      "NOT_FOUND",
    );
    await expectError(await api(`/api/v1/users/by-auth-id/${user.betterAuthUserId}`), 401, "UNAUTHORIZED");
  });
});

describe("GET /api/v1/users/by-organization/{organizationId}", () => {
  it("pages through an organization's live members by keyset cursor", async () => {
    const organizationId = await orgId();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createUser(organizationId));
    await createUser();
    const headers = serviceHeaders(organizationId);
    const first = await expectData<Page>(
      await api(`/api/v1/users/by-organization/${organizationId}?limit=3`, { headers }),
      200,
    );
    expect(first.pagination).toMatchObject({ limit: 3, hasMore: true, nextCursor: expect.any(String) });
    const second = await expectData<Page>(
      await api(
        `/api/v1/users/by-organization/${organizationId}?limit=3&cursor=${first.pagination.nextCursor}`,
        {
          headers,
        },
      ),
      200,
    );
    expect(second.pagination).toEqual({ limit: 3, hasMore: false, nextCursor: null });
    expect([...first.data, ...second.data].map((u) => u.id)).toEqual(made.map((u) => u.id));
  });

  it("answers 400 for a forged cursor and a limit over 100", async () => {
    const organizationId = await orgId();
    const headers = serviceHeaders(organizationId);
    const path = `/api/v1/users/by-organization/${organizationId}`;
    await expectError(await api(`${path}?cursor=forged`, { headers }), 400, "INVALID_INPUT");
    await expectError(await api(`${path}?limit=101`, { headers }), 400, "INVALID_INPUT");
  });
});

describe("DELETE /api/v1/users/{id}", () => {
  it("lets an admin remove a member (204); the member is then gone and its token stops working", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId, "member");
    const memberHeaders = await issuer.headersFor(member);
    const res = await api(`/api/v1/users/${member.id}`, {
      method: "DELETE",
      headers: await issuer.headersFor(admin),
    });
    expect(res.status).toBe(204);
    await expectError(
      await api(`/api/v1/users/${member.id}`, { headers: await issuer.headersFor(admin) }),
      404,
      "NOT_FOUND",
    );
    await expectError(await api("/api/v1/users/me", { headers: memberHeaders }), 401, "UNAUTHORIZED");
  });

  it("refuses a member (403), an admin removing an owner (403), and another tenant's user (404)", async () => {
    const owner = await createUser(undefined, "owner");
    const admin = await createUser(owner.organizationId, "admin");
    const member = await createUser(owner.organizationId, "member");
    const del = async (id: string, actor: User) =>
      api(`/api/v1/users/${id}`, { method: "DELETE", headers: await issuer.headersFor(actor) });
    await expectError(await del(admin.id, member), 403, "FORBIDDEN");
    await expectError(await del(owner.id, admin), 403, "FORBIDDEN");
    await expectError(await del((await createUser()).id, admin), 404, "NOT_FOUND");
  });

  it("never lets a user remove the last owner (409), but a service may", async () => {
    const owner = await createUser(undefined, "owner");
    const res = await api(`/api/v1/users/${owner.id}`, {
      method: "DELETE",
      headers: await issuer.headersFor(owner),
    });
    await expectError(res, 409, "CONFLICT");
    const second = await createUser(owner.organizationId, "owner");
    expect(
      (await api(`/api/v1/users/${owner.id}`, { method: "DELETE", headers: await issuer.headersFor(second) }))
        .status,
    ).toBe(204);
    const bySvc = await api(`/api/v1/users/${second.id}`, {
      method: "DELETE",
      headers: serviceHeaders(second.organizationId!),
    });
    expect(bySvc.status).toBe(204);
  });

  it("frees the email and identity of a removed user for a new sign-up", async () => {
    const user = await createUser();
    const res = await api(`/api/v1/users/${user.id}`, {
      method: "DELETE",
      headers: serviceHeaders(user.organizationId!),
    });
    expect(res.status).toBe(204);
    const again = await createUserWith({ email: user.email, betterAuthUserId: user.betterAuthUserId });
    expect(again.id).not.toBe(user.id);
  });
});
