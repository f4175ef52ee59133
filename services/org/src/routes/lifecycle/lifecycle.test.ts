import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import {
  expectData,
  expectError,
  fileIssuer,
  rowsOf,
  serviceHeaders,
  userHeaders,
} from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, createUser, memberOf, post, tokenFor } from "../../../test/helpers";

const issuer = await fileIssuer();
afterEach(() => {
  vi.useRealTimers();
});
const DAY = 86_400_000;

const remove = (id: string, headers: Record<string, string>) =>
  api(`/api/v1/organizations/${id}`, { method: "DELETE", headers });
const restore = (id: string, headers: Record<string, string>) =>
  post(`/api/v1/organizations/${id}/restore`, {}, headers);
/** Moves a soft delete back in time, as if it had happened `days` ago. */
const deletedDaysAgo = (id: string, days: number) =>
  env.DB.prepare("update organization set deleted_at = ? where id = ?")
    .bind(Date.now() - days * DAY, id)
    .run();
const userRow = async (user: { betterAuthUserId: string }) => {
  const res = await env.USER_SERVICE.fetch(
    `http://user-service/api/v1/users/by-auth-id/${user.betterAuthUserId}`,
    { headers: serviceHeaders() },
  );
  return (await expectData<{ data: User }>(res, 200)).data;
};

describe("POST /api/v1/organizations/{id}/restore", () => {
  it("lets the owner restore within the window; members who stayed are members again", async () => {
    const { org, headers } = await memberOf(issuer, "owner");
    const memberHeaders = userHeaders((await tokenFor(issuer, org.id, "member")).token);
    expect((await remove(org.id, headers)).status).toBe(204);
    await expectError(
      await api(`/api/v1/organizations/${org.id}`, { headers: memberHeaders }),
      404,
      "NOT_FOUND",
    );
    await deletedDaysAgo(org.id, 29);

    const res = await restore(org.id, headers);
    const { data } = await expectData<{ data: Organization }>(res, 200);
    expect(data).toMatchObject({ id: org.id, slug: org.slug, name: org.name });
    expect(res.headers.get("etag")).toMatch(/^"v\d+"$/);
    const again = await api(`/api/v1/organizations/${org.id}`, { headers: memberHeaders });
    expect((await expectData<{ data: Organization }>(again, 200)).data.id).toBe(org.id);
    const actions = await rowsOf<{ action: string }>(
      env.DB,
      "select action from audit_log where organization_id = ? order by id",
      org.id,
    );
    expect(actions.map((r) => r.action)).toEqual([
      "organization.create",
      "organization.delete",
      "organization.restore",
    ]);
  });

  it("answers 404 after the window, 409 for a live org and 403 for an admin", async () => {
    const { org, headers } = await memberOf(issuer, "owner");
    await expectError(await restore(org.id, headers), 409, "CONFLICT");
    const admin = await tokenFor(issuer, org.id, "admin");
    expect((await remove(org.id, headers)).status).toBe(204);
    await expectError(await restore(org.id, userHeaders(admin.token)), 403, "FORBIDDEN");
    await deletedDaysAgo(org.id, 31);
    await expectError(await restore(org.id, headers), 404, "NOT_FOUND");
    const [row] = await rowsOf<{ deleted_at: number | null }>(
      env.DB,
      "select deleted_at from organization where id = ?",
      org.id,
    );
    expect(row!.deleted_at).toEqual(expect.any(Number));
  });

  it("is not held back by the delete limit, and a service may restore with the tenant header", async () => {
    // The delete window follows the clock's quarter hours: start just inside one (see the delete test).
    const window = 15 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.ceil(Date.now() / window) * window + 1_000);
    const { org, headers } = await memberOf(issuer, "owner");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await remove(org.id, headers)).status);
      if (i < 4) statuses.push((await restore(org.id, headers)).status);
    }
    await expectError(await remove(org.id, headers), 429, "RATE_LIMITED");
    expect(statuses).toEqual([204, 200, 204, 200, 204, 200, 204, 200, 204]);
    await expectData(await restore(org.id, headers), 200);
    expect((await remove(org.id, serviceHeaders(org.id))).status).toBe(204);
    await expectData(await restore(org.id, serviceHeaders(org.id)), 200);
  });
});

describe("members of a deleted organization", () => {
  it("read it as 404, and may create an organization: they move out, the deleted org stays deleted", async () => {
    const { org, headers: ownerHeaders } = await memberOf(issuer, "owner");
    const { user, token } = await tokenFor(issuer, org.id, "admin");
    const headers = userHeaders(token);
    expect((await remove(org.id, ownerHeaders)).status).toBe(204);
    await expectError(await api(`/api/v1/organizations/${org.id}`, { headers }), 404, "NOT_FOUND");

    const res = await post("/api/v1/organizations", { name: "Fresh start" }, headers);
    const { data } = await expectData<{ data: Organization }>(res, 201);
    expect(await userRow(user)).toMatchObject({ organizationId: data.id, role: "owner" });
    const [old] = await rowsOf<{ deleted_at: number | null }>(
      env.DB,
      "select deleted_at from organization where id = ?",
      org.id,
    );
    expect(old!.deleted_at).toEqual(expect.any(Number));
    // The owner who stayed behind can still restore it; the admin who left is not a member.
    await expectData(await restore(org.id, ownerHeaders), 200);
    const members = await api(`/api/v1/organizations/${org.id}/members`, { headers: ownerHeaders });
    const page = await expectData<{ data: User[] }>(members, 200);
    expect(page.data.map((u) => u.id)).not.toContain(user.id);
  });
});

describe("GET /api/v1/organizations/{id}/lifecycle", () => {
  it("answers active, then deleted with the restore deadline, then 404 once gone", async () => {
    const { org, headers } = await memberOf(issuer, "owner");
    const read = () => api(`/api/v1/organizations/${org.id}/lifecycle`, { headers: serviceHeaders(org.id) });
    expect((await expectData<{ data: unknown }>(await read(), 200)).data).toEqual({
      id: org.id,
      state: "active",
      deletedAt: null,
      restorableUntil: null,
    });
    expect((await remove(org.id, headers)).status).toBe(204);
    const { data } = await expectData<{ data: { deletedAt: string; restorableUntil: string } }>(
      await read(),
      200,
    );
    expect(Date.parse(data.restorableUntil) - Date.parse(data.deletedAt)).toBe(30 * DAY);
    await env.DB.prepare("delete from organization where id = ?").bind(org.id).run();
    await expectError(await read(), 404, "NOT_FOUND");
  });
});

describe("POST /api/v1/organizations/{id}/transfer-ownership", () => {
  it("makes the member owner and the caller admin", async () => {
    const { org, user: owner, headers } = await memberOf(issuer, "owner");
    const target = await createUser(org.id, "member");
    const res = await post(
      `/api/v1/organizations/${org.id}/transfer-ownership`,
      { userId: target.id },
      headers,
    );
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual({
      organizationId: org.id,
      ownerId: target.id,
      previousOwnerId: owner.id,
    });
    expect(await userRow(target)).toMatchObject({ role: "owner" });
    expect(await userRow(owner)).toMatchObject({ role: "admin" });
    // The caller is an admin now: a second transfer is refused by the role guard.
    await expectError(
      await post(`/api/v1/organizations/${org.id}/transfer-ownership`, { userId: target.id }, headers),
      403,
      "FORBIDDEN",
    );
  });

  it("answers 404 for someone outside the org, 400 for oneself, 403 for an admin", async () => {
    const { org, user, headers } = await memberOf(issuer, "owner");
    const stranger = await createUser((await memberOf(issuer, "owner")).org.id, "member");
    const transfer = (userId: string, h = headers) =>
      post(`/api/v1/organizations/${org.id}/transfer-ownership`, { userId }, h);
    await expectError(await transfer(stranger.id), 404, "NOT_FOUND");
    await expectError(await transfer(user.id), 400, "INVALID_INPUT");
    const admin = await tokenFor(issuer, org.id, "admin");
    await expectError(await transfer(user.id, userHeaders(admin.token)), 403, "FORBIDDEN");
    expect(await userRow(user)).toMatchObject({ role: "owner" });
  });
});
