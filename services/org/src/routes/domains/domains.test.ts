import { env } from "cloudflare:workers";
import { expectData, expectError, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { standInResolver } from "../../../test/dns";
import { api, callWith, createOrg, teamOrg } from "../../../test/helpers";

interface Domain {
  domain: string;
  state: "pending" | "verified" | "failed";
  verification: { recordName: string; recordType: string; recordValue: string };
  failureReason: string | null;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  autoJoin: boolean;
}

const dns = standInResolver();
const fresh = (label = "acme") => `${label}-${crypto.randomUUID().slice(0, 8)}.com`;
const base = (orgId: string) => `/api/v1/organizations/${orgId}/domains`;
const put = (orgId: string, domains: string[]) =>
  api(base(orgId), { method: "PUT", ...json({ domains }, serviceHeaders(orgId)) });
const verify = (orgId: string, domain: string, overrides?: Partial<Cloudflare.Env>) => {
  const init = { method: "POST", headers: serviceHeaders(orgId) };
  const path = `${base(orgId)}/${domain}/verify`;
  return overrides ? callWith(path, init, overrides) : api(path, init);
};
const patch = (orgId: string, domain: string, autoJoin: boolean) =>
  api(`${base(orgId)}/${domain}`, { method: "PATCH", ...json({ autoJoin }, serviceHeaders(orgId)) });

async function claimed(domain = fresh()) {
  const org = await teamOrg();
  const { data } = await expectData<{ data: Domain[] }>(await put(org.id, [domain]), 200);
  return { org, domain, token: data[0]!.verification.recordValue };
}

async function verified(domain = fresh()) {
  const c = await claimed(domain);
  dns.records.set(`_org-verification.${domain}`, { txt: ["v=spf1 -all", c.token] });
  const { data } = await expectData<{ data: Domain }>(await verify(c.org.id, domain), 200);
  expect(data.state).toBe("verified");
  return c;
}

const auditActions = async (orgId: string) =>
  (
    await rowsOf<{ action: string }>(
      env.DB,
      "select action from audit_log where organization_id = ? order by id",
      orgId,
    )
  ).map((r) => r.action);

describe("PUT/GET /api/v1/organizations/{id}/domains", () => {
  it("normalises, starts new domains pending with a fresh ≥128-bit token, and lists them", async () => {
    const org = await teamOrg();
    const label = crypto.randomUUID().slice(0, 8);
    const { data } = await expectData<{ data: Domain[] }>(
      await put(org.id, [`ACME-${label}.com.`, `Bücher.acme-${label}.de`, `acme-${label}.com`]),
      200,
    );
    expect(data.map((d) => d.domain)).toEqual([`acme-${label}.com`, `xn--bcher-kva.acme-${label}.de`]);
    for (const d of data) {
      expect(d).toEqual({
        domain: d.domain,
        state: "pending",
        verification: {
          recordName: `_org-verification.${d.domain}`,
          recordType: "TXT",
          recordValue: expect.any(String),
        },
        failureReason: null,
        verifiedAt: null,
        lastCheckedAt: null,
        autoJoin: false,
      });
      expect(d.verification.recordValue.length).toBeGreaterThanOrEqual(43);
    }
    expect(data[0]!.verification.recordValue).not.toBe(data[1]!.verification.recordValue);
    const listed = await expectData<{ data: Domain[] }>(
      await api(base(org.id), { headers: serviceHeaders(org.id) }),
      200,
    );
    expect(listed.data).toEqual(data);
    expect((await auditActions(org.id)).filter((action) => action.startsWith("domain."))).toEqual([
      "domain.add",
      "domain.add",
    ]);
  });

  it("replaces the set: kept domains keep their state and token, removed ones are deleted", async () => {
    const { org, domain, token } = await verified();
    const other = fresh();
    await put(org.id, [domain, other]);
    const { data } = await expectData<{ data: Domain[] }>(
      await put(org.id, [domain.toUpperCase(), fresh("new")]),
      200,
    );
    const kept = data.find((d) => d.domain === domain)!;
    expect(kept).toMatchObject({ state: "verified", verification: { recordValue: token } });
    expect(data.map((d) => d.domain)).not.toContain(other);
    expect(data).toHaveLength(2);
    expect(await auditActions(org.id)).toContain("domain.remove");
  });

  it("refuses domains no organization can own with 400, naming each", async () => {
    const org = await teamOrg();
    const body = await expectError(
      await put(org.id, ["co.uk", "127.0.0.1", "localhost", "gmail.com", "not a domain", fresh()]),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details).toEqual([
      { path: "body.domains.0", code: "public_suffix", message: expect.stringContaining("co.uk") },
      { path: "body.domains.1", code: "ip_literal", message: expect.stringContaining("127.0.0.1") },
      { path: "body.domains.2", code: "localhost", message: expect.stringContaining("localhost") },
      { path: "body.domains.3", code: "free_mail", message: expect.stringContaining("gmail.com") },
      { path: "body.domains.4", code: "invalid", message: expect.stringContaining("not a domain") },
    ]);
    expect(
      await rowsOf(env.DB, "select * from organization_domain where organization_id = ?", org.id),
    ).toEqual([]);
  });

  it("refuses more than 20 domains", async () => {
    const org = await teamOrg();
    const many = Array.from({ length: 21 }, () => fresh());
    await expectError(await put(org.id, many), 400, "INVALID_INPUT");
  });

  it("allows a domain pending in several organizations, but not one another organization verified (409)", async () => {
    const domain = fresh();
    const first = await claimed(domain);
    const second = await claimed(domain);
    expect(first.token).not.toBe(second.token);
    const winner = await verified(fresh());
    const late = await teamOrg();
    const body = await expectError(await put(late.id, [winner.domain]), 409, "CONFLICT");
    expect(body.error.details).toEqual([{ path: winner.domain, message: expect.any(String) }]);
  });

  it("is for the business and enterprise plans only (403 FEATURE_NOT_AVAILABLE)", async () => {
    for (const org of [await createOrg({ kind: "personal" }), await createOrg()]) {
      await expectError(await put(org.id, [fresh()]), 403, "FEATURE_NOT_AVAILABLE");
      await expectError(
        await api(base(org.id), { headers: serviceHeaders(org.id) }),
        403,
        "FEATURE_NOT_AVAILABLE",
      );
    }
  });

  it("answers 404 for an unknown organization", async () => {
    const id = crypto.randomUUID();
    await expectError(await api(base(id), { headers: serviceHeaders(id) }), 404, "NOT_FOUND");
  });
});

describe("POST /api/v1/organizations/{id}/domains/{domain}/verify", () => {
  it("verifies when one TXT value equals the token (asking the resolver for JSON)", async () => {
    const { org, domain, token } = await claimed();
    dns.records.set(`_org-verification.${domain}`, { txt: ["unrelated", token] });
    const { data } = await expectData<{ data: Domain }>(await verify(org.id, domain.toUpperCase()), 200);
    expect(data).toMatchObject({
      domain,
      state: "verified",
      failureReason: null,
      verifiedAt: expect.any(String),
    });
    expect(data.lastCheckedAt).toBe(data.verifiedAt);
    expect(dns.queries.at(-1)).toEqual({
      name: `_org-verification.${domain}`,
      type: "TXT",
      accept: "application/dns-json",
    });
    expect(await auditActions(org.id)).toContain("domain.verify");
  });

  it.each([
    ["nxdomain", "nxdomain" as const],
    ["no_txt_record", "no-txt" as const],
    ["token_mismatch", { txt: ["someone-else's-token"] }],
  ])("fails with reason %s", async (reason, answer) => {
    const { org, domain } = await claimed();
    dns.records.set(`_org-verification.${domain}`, answer);
    const { data } = await expectData<{ data: Domain }>(await verify(org.id, domain), 200);
    expect(data).toMatchObject({
      state: "failed",
      failureReason: reason,
      verifiedAt: null,
      lastCheckedAt: expect.any(String),
    });
    const entries = await rowsOf<{ action: string; metadata: string }>(
      env.DB,
      "select action, metadata from audit_log where organization_id = ? and action like 'domain.verify%'",
      org.id,
    );
    expect(entries).toEqual([{ action: "domain.verify_failed", metadata: JSON.stringify({ reason }) }]);
  });

  it.each([
    ["SERVFAIL", "servfail" as const, {}],
    ["a timeout", "timeout" as const, { DNS_TIMEOUT_MS: "50" }],
  ])("answers 503 and changes nothing on %s", async (_, answer, overrides) => {
    const { org, domain } = await claimed();
    dns.records.set(`_org-verification.${domain}`, answer);
    await expectError(await verify(org.id, domain, overrides), 503, "SERVICE_UNAVAILABLE");
    const [row] = await rowsOf(
      env.DB,
      "select state, failure_reason as reason, last_checked_at as checked from organization_domain where domain = ?",
      domain,
    );
    expect(row).toEqual({ state: "pending", reason: null, checked: null });
  });

  it("answers 409 when another organization verified the domain first", async () => {
    const domain = fresh();
    const late = await claimed(domain);
    await verified(domain);
    dns.records.set(`_org-verification.${domain}`, { txt: [late.token] });
    await expectError(await verify(late.org.id, domain), 409, "CONFLICT");
  });

  it("answers 404 for a domain the organization has not claimed, 400 for a malformed one", async () => {
    const org = await teamOrg();
    await expectError(await verify(org.id, fresh()), 404, "NOT_FOUND");
    await expectError(await verify(org.id, "127.0.0.1"), 400, "INVALID_INPUT");
  });

  it("allows 10 attempts per domain per hour, then 429 with Retry-After", async () => {
    const { org, domain } = await claimed();
    for (let i = 0; i < 10; i++) await expectData(await verify(org.id, domain), 200);
    const res = await verify(org.id, domain);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectError(res, 429, "RATE_LIMITED");
  });
});

describe("PATCH /api/v1/organizations/{id}/domains/{domain}", () => {
  it("turns auto-join on only for a verified domain", async () => {
    const pending = await claimed();
    await expectError(await patch(pending.org.id, pending.domain, true), 409, "CONFLICT");
    const { org, domain } = await verified();
    const { data } = await expectData<{ data: Domain }>(await patch(org.id, domain, true), 200);
    expect(data).toMatchObject({ domain, state: "verified", autoJoin: true });
    const off = await expectData<{ data: Domain }>(await patch(pending.org.id, pending.domain, false), 200);
    expect(off.data.autoJoin).toBe(false);
    await expectError(await patch(org.id, fresh(), true), 404, "NOT_FOUND");
    expect(await auditActions(org.id)).toContain("domain.update");
  });
});

describe("GET /api/v1/organizations/by-domain/{domain}", () => {
  const lookup = (domain: string) =>
    api(`/api/v1/organizations/by-domain/${domain}`, { headers: serviceHeaders() });

  it("finds the organization that verified the domain with auto-join on, with its seat limit", async () => {
    const { org, domain } = await verified();
    await expectError(await lookup(domain), 404, "NOT_FOUND");
    await patch(org.id, domain, true);
    await env.DB.prepare("update organization set seats = 7 where id = ?").bind(org.id).run();
    const { data } = await expectData<{
      data: { organization: { id: string }; domain: string; seatLimit: number };
    }>(await lookup(domain.toUpperCase()), 200);
    expect(data).toMatchObject({ organization: { id: org.id }, domain, seatLimit: 7 });
  });

  it("answers 404 once the organization's plan no longer includes verified domains", async () => {
    const { org, domain } = await verified();
    await patch(org.id, domain, true);
    expect((await lookup(domain)).status).toBe(200);
    await env.DB.prepare("update organization set subscription_tier = 'free' where id = ?")
      .bind(org.id)
      .run();
    await expectError(await lookup(domain), 404, "NOT_FOUND");
  });

  it("answers 404 once the organization is deleted, and the join is not recorded there", async () => {
    const { org, domain } = await verified();
    await patch(org.id, domain, true);
    expect((await lookup(domain)).status).toBe(200);
    const deleted = await api(`/api/v1/organizations/${org.id}`, {
      method: "DELETE",
      headers: serviceHeaders(org.id),
    });
    expect(deleted.status).toBeLessThan(300);
    await expectError(await lookup(domain), 404, "NOT_FOUND");
    const join = await api(`${base(org.id)}/${domain}/joins`, {
      method: "POST",
      ...json({ userId: crypto.randomUUID() }, serviceHeaders(org.id)),
    });
    await expectError(join, 404, "NOT_FOUND");
  });

  it("answers 404 for free-mail and unknown domains, 400 for a malformed one", async () => {
    await expectError(await lookup("gmail.com"), 404, "NOT_FOUND");
    await expectError(await lookup(fresh()), 404, "NOT_FOUND");
    await expectError(await lookup("a_b"), 400, "INVALID_INPUT");
  });
});

describe("POST /api/v1/organizations/{id}/domains/{domain}/joins", () => {
  it("audits a join while the domain auto-joins, and refuses (409) once it does not", async () => {
    const { org, domain } = await verified();
    const join = (userId: string) =>
      api(`${base(org.id)}/${domain}/joins`, { method: "POST", ...json({ userId }, serviceHeaders(org.id)) });
    await expectError(await join(crypto.randomUUID()), 409, "CONFLICT");
    await patch(org.id, domain, true);
    const userId = crypto.randomUUID();
    expect((await join(userId)).status).toBe(204);
    await env.DB.prepare("update organization set subscription_tier = 'free' where id = ?")
      .bind(org.id)
      .run();
    await expectError(await join(crypto.randomUUID()), 409, "CONFLICT");
    const entries = await rowsOf(
      env.DB,
      "select resource_type as type, resource_id as id, metadata from audit_log where organization_id = ? and action = 'member.auto_join'",
      org.id,
    );
    expect(entries).toEqual([{ type: "user", id: userId, metadata: JSON.stringify({ domain }) }]);
  });
});
