import { env } from "cloudflare:workers";
import { sha256Hex } from "@svc/platform";
import {
  createBarrier,
  expectData,
  expectError,
  fileIssuer,
  holdAt,
  json,
  rowsOf,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import {
  acceptInvitation,
  api,
  callWith,
  createOrg,
  createUser,
  type Issued,
  invite,
  memberOf,
  personalUser,
  post,
} from "../../../test/helpers";

const issuer = await fileIssuer();
const email = () => `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
const base = (orgId: string) => `/api/v1/organizations/${orgId}/invitations`;
const setSeats = (orgId: string, seats: number) =>
  env.DB.prepare("update organization set seats = ? where id = ?").bind(seats, orgId).run();

describe("POST /api/v1/organizations/{id}/invitations", () => {
  it("creates a pending invitation with a 7-day link whose token is stored only as its SHA-256", async () => {
    const org = await createOrg();
    const before = Date.now();
    const { invitation, inviteUrl, token } = await invite(org.id, "Mixed.Case@Example.com", "admin");
    expect(invitation).toMatchObject({ email: "mixed.case@example.com", role: "admin", status: "pending" });
    expect(inviteUrl).toBe(`${env.APP_BASE_URL}/join/${org.slug}/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(invitation.expiresAt) - before;
    expect(expires).toBeGreaterThanOrEqual(168 * 3_600_000);
    expect(expires).toBeLessThan(168 * 3_600_000 + 60_000);

    const [row] = await rowsOf<Record<string, unknown>>(
      env.DB,
      "select * from invitation where id = ?",
      invitation.id,
    );
    expect(row!.token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await rowsOf(env.DB, "select action from audit_log where resource_id = ?", invitation.id);
    expect(audit).toEqual([{ action: "invitation.create" }]);
  });

  it("is also POST …/members, and records the inviting user", async () => {
    const { org, user, headers } = await memberOf(issuer, "admin");
    const res = await post(`/api/v1/organizations/${org.id}/members`, { email: email() }, headers);
    const { data } = await expectData<{ data: Issued }>(res, 201);
    expect(data.invitation).toMatchObject({ role: "member", invitedBy: user.id });
  });

  it("lets a member with teamManagement invite, and refuses a plain member (403)", async () => {
    const { org } = await memberOf(issuer, "admin");
    const manager = await createUser(org.id, "member", {
      permissions: {
        chat: { enabled: false, components: [], lookbackWindow: 0 },
        interactions: { enabled: false },
        patterns: { enabled: false },
        teamManagement: { enabled: true },
        apiKeyManagement: { enabled: false },
      },
    });
    const plain = await createUser(org.id, "member");
    await invite(org.id, email(), "member", await issuer.headersFor(manager));
    const res = await post(base(org.id), { email: email() }, await issuer.headersFor(plain));
    await expectError(res, 403, "FORBIDDEN");
  });

  it("refuses a personal organization with 403 FEATURE_NOT_AVAILABLE and stores nothing", async () => {
    const { org, headers } = await personalUser(issuer);
    await expectError(await post(base(org.id), { email: email() }, headers), 403, "FEATURE_NOT_AVAILABLE");
    expect(await rowsOf(env.DB, "select id from invitation where organization_id = ?", org.id)).toEqual([]);
  });

  it("counts members and pending invitations against the seats", async () => {
    const org = await createOrg();
    await createUser(org.id, "owner");
    await setSeats(org.id, 3);
    const first = await invite(org.id, email());
    await invite(org.id, email());
    const full = await post(base(org.id), { email: email() }, serviceHeaders(org.id));
    const body = await expectError(full, 403, "FEATURE_NOT_AVAILABLE");
    expect(body.error.message).toContain("3 seats");
    // A revoked invitation frees its seat.
    await expectData(
      await post(`${base(org.id)}/${first.invitation.id}/revoke`, {}, serviceHeaders(org.id)),
      200,
    );
    await invite(org.id, email());
  });

  it("gives the last seat to one of two concurrent invites", async () => {
    const org = await createOrg();
    await setSeats(org.id, 1);
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "invitation"/i.test(sql));
    const send = (to: string) =>
      callWith(base(org.id), { method: "POST", ...json({ email: to }, serviceHeaders(org.id)) }, { DB });
    const responses = await Promise.all([send(email()), send(email())]);
    expect(gate.arrived).toBe(2);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 403]);
    await expectError(responses.find((r) => r.status === 403)!, 403, "FEATURE_NOT_AVAILABLE");
    expect(await rowsOf(env.DB, "select id from invitation where organization_id = ?", org.id)).toHaveLength(
      1,
    );
  });

  it("refuses an email that already belongs to a member (409)", async () => {
    const org = await createOrg();
    const member = await createUser(org.id);
    const res = await post(base(org.id), { email: member.email.toUpperCase() }, serviceHeaders(org.id));
    await expectError(res, 409, "CONFLICT");
  });

  it("refuses a second pending invitation for the same email (409), but replaces an expired one", async () => {
    const org = await createOrg();
    const to = email();
    const first = await invite(org.id, to);
    const again = await post(base(org.id), { email: to }, serviceHeaders(org.id));
    const body = await expectError(again, 409, "CONFLICT");
    expect(body.error.details[0]?.message).toContain(first.invitation.id);

    await env.DB.prepare("update invitation set expires_at = ? where id = ?")
      .bind(Date.now() - 1, first.invitation.id)
      .run();
    const second = await invite(org.id, to);
    const rows = await rowsOf(
      env.DB,
      "select id, status from invitation where organization_id = ? order by id",
      org.id,
    );
    expect(rows).toEqual([
      { id: first.invitation.id, status: "expired" },
      { id: second.invitation.id, status: "pending" },
    ]);
  });

  it("answers 503 and stores nothing when the user service is down", async () => {
    const org = await createOrg();
    const USER_SERVICE = {
      fetch: async () => {
        throw new Error("down");
      },
    } as unknown as Fetcher;
    const res = await callWith(
      base(org.id),
      { method: "POST", ...json({ email: email() }, serviceHeaders(org.id)) },
      { USER_SERVICE },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
    expect(await rowsOf(env.DB, "select id from invitation where organization_id = ?", org.id)).toEqual([]);
  });

  it("rejects a bad email or role (400)", async () => {
    const org = await createOrg();
    for (const body of [{ email: "nope" }, { email: email(), role: "owner" }, {}]) {
      await expectError(await post(base(org.id), body, serviceHeaders(org.id)), 400, "INVALID_INPUT");
    }
  });
});

describe("GET /api/v1/organizations/{id}/invitations", () => {
  it("pages newest first and reads a pending invitation past its expiry as expired, without a write", async () => {
    const org = await createOrg();
    const a = await invite(org.id, email());
    const b = await invite(org.id, email());
    const c = await invite(org.id, email());
    await env.DB.prepare("update invitation set expires_at = ? where id = ?")
      .bind(Date.now() - 1, a.invitation.id)
      .run();
    type Page = { data: { id: string; status: string }[]; pagination: { nextCursor: string | null } };
    const get = (query: string) => api(`${base(org.id)}${query}`, { headers: serviceHeaders(org.id) });

    const first = await expectData<Page>(await get("?limit=2"), 200);
    expect(first.data.map((i) => i.id)).toEqual([c.invitation.id, b.invitation.id]);
    const rest = await expectData<Page>(await get(`?limit=2&cursor=${first.pagination.nextCursor}`), 200);
    expect(rest.data).toEqual([expect.objectContaining({ id: a.invitation.id, status: "expired" })]);

    const expired = await expectData<Page>(await get("?status=expired"), 200);
    expect(expired.data.map((i) => i.id)).toEqual([a.invitation.id]);
    const pending = await expectData<Page>(await get("?status=pending"), 200);
    expect(pending.data.map((i) => i.id)).toEqual([c.invitation.id, b.invitation.id]);
    const [row] = await rowsOf(env.DB, "select status from invitation where id = ?", a.invitation.id);
    expect(row).toEqual({ status: "pending" });
    await expectError(await get("?status=lost"), 400, "INVALID_INPUT");
  });
});

describe("revoke and resend", () => {
  it("revokes a pending invitation once; the link then fails to accept (409) and a second revoke is 409", async () => {
    const org = await createOrg();
    const { headers, user } = await personalUser(issuer);
    const issued = await invite(org.id, user.email);
    const revoke = () => post(`${base(org.id)}/${issued.invitation.id}/revoke`, {}, serviceHeaders(org.id));
    const { data } = await expectData<{ data: { status: string; revokedAt: string } }>(await revoke(), 200);
    expect(data).toMatchObject({ status: "revoked", revokedAt: expect.any(String) });
    await expectError(await revoke(), 409, "CONFLICT");
    await expectError(await acceptInvitation(issued.token, headers), 409, "CONFLICT");
    await expectError(
      await post(`${base(org.id)}/${crypto.randomUUID()}/revoke`, {}, serviceHeaders(org.id)),
      404,
      "NOT_FOUND",
    );
  });

  it("rotates the token on resend: the old link is 404, the new one works, the expiry restarts", async () => {
    const org = await createOrg();
    const { headers, user } = await personalUser(issuer);
    const issued = await invite(org.id, user.email);
    await env.DB.prepare("update invitation set expires_at = ? where id = ?")
      .bind(Date.now() - 1, issued.invitation.id)
      .run();
    const res = await post(`${base(org.id)}/${issued.invitation.id}/resend`, {}, serviceHeaders(org.id));
    const { data } = await expectData<{ data: Issued }>(res, 200);
    const token = data.inviteUrl.slice(data.inviteUrl.lastIndexOf("/") + 1);
    expect(token).not.toBe(issued.token);
    expect(data.invitation.status).toBe("pending");
    expect(Date.parse(data.invitation.expiresAt)).toBeGreaterThan(Date.now() + 167 * 3_600_000);

    await expectError(await acceptInvitation(issued.token, headers), 404, "NOT_FOUND");
    await expectData(await acceptInvitation(token, headers), 200);
    const again = await post(`${base(org.id)}/${issued.invitation.id}/resend`, {}, serviceHeaders(org.id));
    await expectError(again, 409, "CONFLICT");
  });
});

describe("POST /api/v1/invitations/lookup", () => {
  it("shows the join page what it needs and nothing else", async () => {
    const { org, user, headers } = await memberOf(issuer, "admin");
    const issued = await invite(org.id, email(), "admin", headers);
    const res = await post("/api/v1/invitations/lookup", { token: issued.token }, serviceHeaders());
    const { data } = await expectData<{ data: Record<string, unknown> }>(res, 200);
    expect(data).toEqual({
      organization: { name: org.name, slug: org.slug, logoUrl: null },
      inviterName: user.name,
      role: "admin",
      expiresAt: issued.invitation.expiresAt,
      status: "pending",
    });
  });

  it("answers 404 for an unknown token and 403 for a user principal", async () => {
    await expectError(
      await post("/api/v1/invitations/lookup", { token: "x".repeat(43) }, serviceHeaders()),
      404,
      "NOT_FOUND",
    );
    const { headers } = await memberOf(issuer);
    await expectError(await post("/api/v1/invitations/lookup", { token: "x" }, headers), 403, "FORBIDDEN");
  });
});
