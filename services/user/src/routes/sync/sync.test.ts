import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import {
  createBarrier,
  expectData,
  expectError,
  holdAt,
  json,
  rowsOf,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, apiWith, createUserWith, failingFetcher } from "../../../test/helpers";

const identity = () => {
  const id = crypto.randomUUID().slice(0, 8);
  return { betterAuthUserId: `ba_${id}`, email: `Sync-${id}@Example.com`, name: `Ada ${id}` };
};
const sync = (body: unknown) => api("/api/v1/users", { method: "POST", ...json(body, serviceHeaders()) });

/** Live personal organizations the org service holds for a user. */
const personalOrgs = (creatorId: string) =>
  rowsOf<{ id: string; name: string; kind: string; tier: string }>(
    env.ORG_DB,
    "SELECT id, name, kind, subscription_tier AS tier FROM organization WHERE creator_id = ? AND kind = 'personal' AND deleted_at IS NULL",
    creatorId,
  );

describe("POST /api/v1/users (auth-service sync)", () => {
  it("creates the user as owner of a new personal organization (201)", async () => {
    const who = identity();
    const { data } = await expectData<{ data: User }>(await sync(who), 201);
    expect(data).toMatchObject({
      betterAuthUserId: who.betterAuthUserId,
      email: who.email.toLowerCase(),
      name: who.name,
      role: "owner",
      status: "pending",
      organizationId: expect.any(String),
      permissions: expect.objectContaining({ teamManagement: { enabled: true } }),
    });
    expect(await personalOrgs(data.id)).toEqual([
      { id: data.organizationId, name: `${who.name}'s workspace`, kind: "personal", tier: "free" },
    ]);
  });

  it("names the workspace after the email's local part when there is no name", async () => {
    const who = { ...identity(), name: "" };
    const { data } = await expectData<{ data: User }>(await sync(who), 201);
    const local = who.email.toLowerCase().split("@")[0];
    expect((await personalOrgs(data.id))[0]?.name).toBe(`${local}'s workspace`);
  });

  it("is idempotent: the same Better Auth user twice → one user, one personal org (200 the second time)", async () => {
    const who = identity();
    const first = await expectData<{ data: User }>(await sync(who), 201);
    const second = await expectData<{ data: User }>(await sync(who), 200);
    expect(second.data).toEqual(first.data);
    expect(await personalOrgs(first.data.id)).toHaveLength(1);
  });

  it("called concurrently, still makes one user and one personal org", async () => {
    const who = identity();
    const responses = await Promise.all([sync(who), sync(who), sync(who)]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 201]);
    const users = await Promise.all(responses.map(async (r) => ((await r.json()) as { data: User }).data));
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
    expect(await personalOrgs(users[0]!.id)).toHaveLength(1);
  });

  it("gives an existing user without an organization a personal one (200, same id)", async () => {
    const existing = await createUserWith({ organizationId: null, status: "pending" });
    const { data } = await expectData<{ data: User }>(
      await sync({ betterAuthUserId: existing.betterAuthUserId, email: existing.email, name: "X" }),
      200,
    );
    expect(data).toMatchObject({ id: existing.id, role: "owner", organizationId: expect.any(String) });
    expect((await personalOrgs(existing.id)).map((o) => o.id)).toEqual([data.organizationId]);
  });

  it("answers 503 and leaves nothing behind when the org service is down, then succeeds on retry", async () => {
    const who = identity();
    const headers = serviceHeaders();
    for (const peer of [failingFetcher(), failingFetcher(500)]) {
      const res = await apiWith({ ORG_SERVICE: peer }, "/api/v1/users", {
        method: "POST",
        ...json(who, headers),
      });
      await expectError(res, 503, "SERVICE_UNAVAILABLE");
      await expectError(
        await api(`/api/v1/users/by-auth-id/${who.betterAuthUserId}`, { headers }),
        404,
        "NOT_FOUND",
      );
    }
    const { data } = await expectData<{ data: User }>(await sync(who), 201);
    expect(await personalOrgs(data.id)).toHaveLength(1);
  });

  it("answers 503 when the org service is neither bound nor configured", async () => {
    const res = await apiWith({ ORG_SERVICE: undefined, ORG_SERVICE_URL: "" } as never, "/api/v1/users", {
      method: "POST",
      ...json(identity(), serviceHeaders()),
    });
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("answers 409 for an email another live user holds, without creating an org", async () => {
    const taken = await createUserWith({});
    const who = { ...identity(), email: taken.email.toUpperCase() };
    await expectError(await sync(who), 409, "CONFLICT");
    const made = await env.ORG_DB.prepare("SELECT count(*) AS n FROM organization WHERE name = ?")
      .bind(`${who.name}'s workspace`)
      .first<{ n: number }>();
    expect(made?.n).toBe(0);
  });

  it("ten racing syncs of one email under different identities: one 201, nine 409, one personal org", async () => {
    const who = identity();
    const gate = createBarrier(10);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "user"/i.test(sql));
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        apiWith({ DB }, "/api/v1/users", {
          method: "POST",
          ...json({ ...who, betterAuthUserId: `${who.betterAuthUserId}_${i}` }, serviceHeaders()),
        }),
      ),
    );
    expect(gate.arrived).toBe(10);
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const live = await rowsOf<{ id: string }>(
      env.ORG_DB,
      "SELECT id FROM organization WHERE name = ? AND deleted_at IS NULL",
      `${who.name}'s workspace`,
    );
    const { data } = await expectData<{ data: User }>(responses.find((r) => r.status === 201)!, 201);
    expect(live).toEqual([{ id: data.organizationId }]);
  });

  it("removes its lease whatever the outcome: success, a 409 and an org-service outage", async () => {
    const ok = identity();
    await expectData(await sync(ok), 201);
    const taken = { ...identity(), email: ok.email };
    await expectError(await sync(taken), 409, "CONFLICT");
    const down = identity();
    await expectError(
      await apiWith({ ORG_SERVICE: failingFetcher(500) }, "/api/v1/users", {
        method: "POST",
        ...json(down, serviceHeaders()),
      }),
      503,
      "SERVICE_UNAVAILABLE",
    );
    const leases = await rowsOf(
      env.DB,
      "SELECT better_auth_user_id FROM user_sync_lease WHERE better_auth_user_id IN (?, ?, ?)",
      ok.betterAuthUserId,
      taken.betterAuthUserId,
      down.betterAuthUserId,
    );
    expect(leases).toEqual([]);
  });

  it("rejects a body that is not the auth service's shape with 400", async () => {
    const body = await expectError(await sync({ betterAuthUserId: "", email: "nope" }), 400, "INVALID_INPUT");
    expect(body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["body.betterAuthUserId", "body.email"]),
    );
    await expectError(await sync({ ...identity(), role: "owner" }), 400, "INVALID_INPUT");
  });
});
