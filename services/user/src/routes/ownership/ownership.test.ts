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
import { api, apiWith, createUser, orgId } from "../../../test/helpers";

const transferInit = (organizationId: string, fromUserId: string, toUserId: string) => ({
  method: "POST",
  ...json({ organizationId, fromUserId, toUserId }, serviceHeaders()),
});
const transfer = (organizationId: string, fromUserId: string, toUserId: string) =>
  api("/api/v1/users/transfer-ownership", transferInit(organizationId, fromUserId, toUserId));
const roles = async (organizationId: string) =>
  Object.fromEntries(
    (
      await rowsOf<{ id: string; role: string }>(
        env.DB,
        "select id, role from user where organization_id = ? and deleted_at is null",
        organizationId,
      )
    ).map((r) => [r.id, r.role]),
  );
const actions = async (organizationId: string) =>
  (
    await rowsOf<{ action: string; resource_id: string }>(
      env.DB,
      "select action, resource_id from audit_log where organization_id = ? order by id",
      organizationId,
    )
  ).map((r) => `${r.action} ${r.resource_id}`);

describe("POST /api/v1/users/transfer-ownership", () => {
  it("promotes the target and demotes the owner to admin in one batch, with both audit entries", async () => {
    const org = await orgId();
    const owner = await createUser(org, "owner");
    const target = await createUser(org, "member");
    const { data } = await expectData<{ data: { owner: User; previousOwner: User } }>(
      await transfer(org, owner.id, target.id),
      200,
    );
    expect(data.owner).toMatchObject({ id: target.id, role: "owner" });
    expect(data.owner.permissions.teamManagement.enabled).toBe(true);
    expect(data.previousOwner).toMatchObject({ id: owner.id, role: "admin" });
    expect(await roles(org)).toEqual({ [owner.id]: "admin", [target.id]: "owner" });
    expect((await actions(org)).slice(-2)).toEqual([
      `user.ownership.receive ${target.id}`,
      `user.ownership.transfer ${owner.id}`,
    ]);
  });

  it("answers 409 once the caller no longer owns, 404 for a non-member, 400 for oneself; nothing changes", async () => {
    const org = await orgId();
    const owner = await createUser(org, "owner");
    const first = await createUser(org, "member");
    const second = await createUser(org, "member");
    const stranger = await createUser(await orgId(), "member");
    await expectData(await transfer(org, owner.id, first.id), 200);
    await expectError(await transfer(org, owner.id, second.id), 409, "CONFLICT");
    await expectError(await transfer(org, first.id, stranger.id), 404, "NOT_FOUND");
    await expectError(await transfer(org, first.id, first.id), 400, "INVALID_INPUT");
    expect(await roles(org)).toEqual({ [owner.id]: "admin", [first.id]: "owner", [second.id]: "member" });
  });

  it("never leaves the org without an owner under 10 concurrent transfers and demotions", async () => {
    const org = await orgId();
    const owners = [await createUser(org, "owner"), await createUser(org, "owner")];
    const members = await Promise.all(Array.from({ length: 6 }, () => createUser(org, "member")));
    const gate = createBarrier(10);
    const DB = holdAt(env.DB, gate, (sql) => /^update "user"/i.test(sql));
    const demote = (u: User) =>
      apiWith({ DB }, `/api/v1/users/${u.id}/role`, {
        method: "PATCH",
        ...json({ role: "admin" }, serviceHeaders(org)),
      });
    const responses = await Promise.all([
      ...members.map((m, i) =>
        apiWith({ DB }, "/api/v1/users/transfer-ownership", transferInit(org, owners[i % 2]!.id, m.id)),
      ),
      demote(owners[0]!),
      demote(owners[1]!),
      demote(owners[0]!),
      demote(owners[1]!),
    ]);
    expect(gate.arrived).toBe(10);
    for (const res of responses) expect([200, 409]).toContain(res.status);
    const after = await roles(org);
    const ownerCount = Object.values(after).filter((r) => r === "owner").length;
    expect(ownerCount).toBeGreaterThanOrEqual(1);
    // Every transfer that answered 200 left its target owner or handed it on; each wrote both entries.
    const transfers = responses.slice(0, 6).filter((r) => r.status === 200).length;
    expect(transfers).toBeGreaterThanOrEqual(2);
    const log = await actions(org);
    expect(log.filter((a) => a.startsWith("user.ownership.receive"))).toHaveLength(transfers);
    expect(log.filter((a) => a.startsWith("user.ownership.transfer"))).toHaveLength(transfers);
  });
});

describe("POST /api/v1/users/{id}/move-out/check", () => {
  const check = (id: string, body: unknown) =>
    api(`/api/v1/users/${id}/move-out/check`, { method: "POST", ...json(body, serviceHeaders()) });

  it.each([
    {
      name: "alone in a personal org: allowed, retired",
      kind: "personal",
      deleted: false,
      others: 0,
      verdict: { allowed: true, retire: true },
    },
    {
      name: "a personal org with others: refused",
      kind: "personal",
      deleted: false,
      others: 1,
      verdict: { allowed: false, retire: false },
    },
    {
      name: "a live business org: refused",
      kind: "business",
      deleted: false,
      others: 0,
      verdict: { allowed: false, retire: false },
    },
    {
      name: "a deleted business org with others: allowed, not retired",
      kind: "business",
      deleted: true,
      others: 2,
      verdict: { allowed: true, retire: false },
    },
  ])("$name", async ({ kind, deleted, others, verdict }) => {
    const org = await orgId();
    const user = await createUser(org, "owner");
    for (let i = 0; i < others; i++) await createUser(org, "member");
    const { data } = await expectData<{ data: { allowed: boolean; retire: boolean; reason: string | null } }>(
      await check(user.id, { organizationId: org, kind, deleted }),
      200,
    );
    expect(data).toMatchObject(verdict);
    expect(data.reason === null).toBe(verdict.allowed);
  });

  it("answers 409 when the user is no longer in that organization, 404 for an unknown user", async () => {
    const user = await createUser(await orgId(), "owner");
    const body = { organizationId: crypto.randomUUID(), kind: "personal", deleted: false };
    await expectError(await check(user.id, body), 409, "CONFLICT");
    await expectError(await check(crypto.randomUUID(), body), 404, "NOT_FOUND");
  });
});
