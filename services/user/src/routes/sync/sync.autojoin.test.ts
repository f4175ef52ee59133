import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
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
import { api, apiWith, createUser } from "../../../test/helpers";

interface Synced {
  data: User;
  autoJoin?: { organizationId: string; domain: string; joined: boolean; reason: string | null };
}

const org = (path: string, init: RequestInit = {}) => env.ORG_SERVICE.fetch(`http://org${path}`, init);

/**
 * An enterprise organization (a plan with verified domains) with `seats`, that has verified a
 * fresh domain with auto-join on. The DNS check itself is the org service's (tested there); here
 * the verified state is written as it leaves it.
 */
async function autoJoiningOrg({ seats = 5, autoJoin = true } = {}) {
  const domain = `corp-${crypto.randomUUID().slice(0, 8)}.com`;
  const created = await org("/api/v1/organizations", {
    method: "POST",
    ...json({ name: `Corp ${domain}` }, serviceHeaders()),
  });
  const { data: organization } = await expectData<{ data: Organization }>(created, 201);
  const enterprise = await org(`/api/v1/organizations/${organization.id}`, {
    method: "PATCH",
    ...json({ subscriptionTier: "enterprise", seats }, serviceHeaders(organization.id)),
  });
  await expectData(enterprise, 200);
  const put = await org(`/api/v1/organizations/${organization.id}/domains`, {
    method: "PUT",
    ...json({ domains: [domain] }, serviceHeaders(organization.id)),
  });
  await expectData(put, 200);
  await env.ORG_DB.prepare(
    "update organization_domain set state = 'verified', verified_at = ?1, last_checked_at = ?1, auto_join = ?2 where domain = ?3",
  )
    .bind(Date.now(), autoJoin ? 1 : 0, domain)
    .run();
  return { organization, domain };
}

const identity = (domain: string) => {
  const id = crypto.randomUUID().slice(0, 8);
  return { betterAuthUserId: `ba_${id}`, email: `Dev-${id}@${domain.toUpperCase()}`, name: `Dev ${id}` };
};
const sync = (body: unknown) => api("/api/v1/users", { method: "POST", ...json(body, serviceHeaders()) });
const personalOrgs = (creatorId: string) =>
  rowsOf(
    env.ORG_DB,
    "select id from organization where creator_id = ? and kind = 'personal' and deleted_at is null",
    creatorId,
  );
const joinAudits = (organizationId: string) =>
  rowsOf<{ userId: string; metadata: string }>(
    env.ORG_DB,
    "select resource_id as userId, metadata from audit_log where organization_id = ? and action = 'member.auto_join'",
    organizationId,
  );

describe("POST /api/v1/users: auto-join by verified email domain", () => {
  it("makes a new user a member of the organization that verified the domain, audited there", async () => {
    const { organization, domain } = await autoJoiningOrg();
    const body = await expectData<Synced>(await sync(identity(domain)), 201);
    expect(body.data).toMatchObject({ organizationId: organization.id, role: "member" });
    expect(body.data.permissions.teamManagement.enabled).toBe(false);
    expect(body.autoJoin).toEqual({ organizationId: organization.id, domain, joined: true, reason: null });
    expect(await personalOrgs(body.data.id)).toEqual([]);
    expect(await joinAudits(organization.id)).toEqual([
      { userId: body.data.id, metadata: JSON.stringify({ domain }) },
    ]);
    const userAudit = await rowsOf<{ action: string; metadata: string }>(
      env.DB,
      "select action, metadata from audit_log where organization_id = ? and resource_id = ?",
      organization.id,
      body.data.id,
    );
    expect(userAudit).toEqual([
      {
        action: "user.create",
        metadata: JSON.stringify({ role: "member", reason: "domain_auto_join", domain }),
      },
    ]);
  });

  it("never joins a deleted organization: the new user gets a personal one", async () => {
    const { organization, domain } = await autoJoiningOrg();
    const deleted = await org(`/api/v1/organizations/${organization.id}`, {
      method: "DELETE",
      headers: serviceHeaders(organization.id),
    });
    expect(deleted.status).toBeLessThan(300);
    const body = await expectData<Synced>(await sync(identity(domain)), 201);
    expect(body.data.role).toBe("owner");
    expect(body.data.organizationId).not.toBe(organization.id);
    expect(body.autoJoin).toBeUndefined();
    expect(await personalOrgs(body.data.id)).toEqual([{ id: body.data.organizationId }]);
  });

  it("gives a personal organization, and says why, when the seat limit is reached", async () => {
    const { organization, domain } = await autoJoiningOrg({ seats: 1 });
    await createUser(organization.id, "owner");
    const body = await expectData<Synced>(await sync(identity(domain)), 201);
    expect(body.data.role).toBe("owner");
    expect(body.data.organizationId).not.toBe(organization.id);
    expect(body.autoJoin).toEqual({
      organizationId: organization.id,
      domain,
      joined: false,
      reason: "seat_limit_reached",
    });
    expect(await personalOrgs(body.data.id)).toEqual([{ id: body.data.organizationId }]);
    expect(await joinAudits(organization.id)).toEqual([]);
  });

  it("joins while a seat is free", async () => {
    const { organization, domain } = await autoJoiningOrg({ seats: 2 });
    await createUser(organization.id, "owner");
    const body = await expectData<Synced>(await sync(identity(domain)), 201);
    expect(body.data.organizationId).toBe(organization.id);
  });

  it("gives a personal organization when the domain is verified but auto-join is off", async () => {
    const { domain } = await autoJoiningOrg({ autoJoin: false });
    const body = await expectData<Synced>(await sync(identity(domain)), 201);
    expect(body.data.role).toBe("owner");
    expect(body.autoJoin).toBeUndefined();
  });

  it("never moves an existing user", async () => {
    const { organization, domain } = await autoJoiningOrg();
    const who = identity(domain);
    await env.ORG_DB.prepare("update organization_domain set auto_join = 0 where domain = ?")
      .bind(domain)
      .run();
    const first = await expectData<Synced>(await sync(who), 201);
    await env.ORG_DB.prepare("update organization_domain set auto_join = 1 where domain = ?")
      .bind(domain)
      .run();
    const again = await expectData<Synced>(await sync(who), 200);
    expect(again.data.organizationId).toBe(first.data.organizationId);
    expect(again.data.organizationId).not.toBe(organization.id);
    expect(again.autoJoin).toBeUndefined();
  });

  it("falls back to a personal organization when the org service will not record the join", async () => {
    const { organization, domain } = await autoJoiningOrg();
    // Auto-join switched off between the lookup and the join: the org service answers 409.
    const ORG_SERVICE = peerAnswering(/\/domains\/[^/]+\/joins$/, () =>
      Response.json({ error: { code: "CONFLICT" } }, { status: 409 }),
    );
    const res = await apiWith({ ORG_SERVICE }, "/api/v1/users", {
      method: "POST",
      ...json(identity(domain), serviceHeaders()),
    });
    const body = await expectData<Synced>(res, 201);
    expect(body.data.organizationId).not.toBe(organization.id);
    expect(body.autoJoin).toMatchObject({ joined: false, reason: "domain_no_longer_auto_joins" });
    const members = await rowsOf(env.DB, "select id from user where organization_id = ?", organization.id);
    expect(members).toEqual([]);
    const actions = await rowsOf<{ action: string }>(
      env.DB,
      "select action from audit_log where organization_id = ? and resource_id = ?",
      organization.id,
      body.data.id,
    );
    expect(actions.map((a) => a.action).sort()).toEqual(["user.create", "user.membership.leave"]);
  });

  it("answers 503 and leaves no user when the join cannot be recorded, then joins on retry", async () => {
    const { organization, domain } = await autoJoiningOrg();
    const who = identity(domain);
    const ORG_SERVICE = peerAnswering(
      /\/domains\/[^/]+\/joins$/,
      () => new Response("down", { status: 500 }),
    );
    const res = await apiWith({ ORG_SERVICE }, "/api/v1/users", {
      method: "POST",
      ...json(who, serviceHeaders()),
    });
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
    expect(
      await rowsOf(env.DB, "select id from user where better_auth_user_id = ?", who.betterAuthUserId),
    ).toEqual([]);
    const body = await expectData<Synced>(await sync(who), 201);
    expect(body.data.organizationId).toBe(organization.id);
  });
});

describe("concurrent auto-joins into the last free seat", () => {
  it("admits exactly one when both have looked up the organization before either joins", async () => {
    const { organization, domain } = await autoJoiningOrg({ seats: 2 });
    await createUser(organization.id, "owner");
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "user"/i.test(sql) && sql.includes("count(*)"));
    const call = () =>
      apiWith({ DB }, "/api/v1/users", { method: "POST", ...json(identity(domain), serviceHeaders()) });
    const responses = await Promise.all([call(), call()]);
    expect(gate.arrived).toBe(2);
    const bodies = await Promise.all(responses.map((r) => expectData<Synced>(r, 201)));
    expect(bodies.map((b) => b.autoJoin?.joined).sort()).toEqual([false, true]);
    expect(bodies.find((b) => !b.autoJoin?.joined)?.autoJoin?.reason).toBe("seat_limit_reached");
    const members = await rowsOf(
      env.DB,
      "select id from user where organization_id = ? and deleted_at is null",
      organization.id,
    );
    expect(members).toHaveLength(2);
  });
});

/** The real org service, except for requests whose path matches `pattern`. */
function peerAnswering(pattern: RegExp, answer: () => Response): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      return pattern.test(new URL(req.url).pathname) ? answer() : env.ORG_SERVICE.fetch(req);
    },
    connect: () => {
      throw new TypeError("not supported");
    },
  } as unknown as Fetcher;
}
