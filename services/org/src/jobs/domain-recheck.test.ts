import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expectData, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { standInResolver } from "../../test/dns";
import { api, teamOrg } from "../../test/helpers";
import worker from "../index";
import { MAX_MISSES, recheckDomains } from "./domain-recheck";

const dns = standInResolver();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** A verified, auto-joining domain whose last check was `checkedAgo` before now. */
async function verifiedDomain(checkedAgo: number) {
  const org = await teamOrg();
  const domain = `keep-${crypto.randomUUID().slice(0, 8)}.com`;
  const res = await api(`/api/v1/organizations/${org.id}/domains`, {
    method: "PUT",
    ...json({ domains: [domain] }, serviceHeaders(org.id)),
  });
  const { data } = await expectData<{ data: { verification: { recordValue: string } }[] }>(res, 200);
  const token = data[0]!.verification.recordValue;
  dns.records.set(`_org-verification.${domain}`, { txt: [token] });
  expect(
    (
      await api(`/api/v1/organizations/${org.id}/domains/${domain}/verify`, {
        method: "POST",
        headers: serviceHeaders(org.id),
      })
    ).status,
  ).toBe(200);
  await api(`/api/v1/organizations/${org.id}/domains/${domain}`, {
    method: "PATCH",
    ...json({ autoJoin: true }, serviceHeaders(org.id)),
  });
  await env.DB.prepare("update organization_domain set last_checked_at = ? where domain = ?")
    .bind(Date.now() - checkedAgo, domain)
    .run();
  return { org, domain, token };
}

const stateOf = async (domain: string) =>
  (
    await rowsOf<{ state: string; autoJoin: number; misses: number; checked: number }>(
      env.DB,
      "select state, auto_join as autoJoin, consecutive_misses as misses, last_checked_at as checked from organization_domain where domain = ?",
      domain,
    )
  )[0];

/** Runs the job until it reports nothing more to check at `now` (other tests' domains may be due too). */
async function runUntilDone(now: number) {
  for (let i = 0; i < 50; i++) {
    const counts = await recheckDomains(env, now);
    if (counts.checked + counts.resolverErrors === 0) return;
  }
  throw new Error("the re-check never drained");
}

describe("the daily re-check of verified domains", () => {
  it("keeps a domain whose record is still there and leaves recently checked ones alone", async () => {
    const due = await verifiedDomain(DAY + HOUR);
    const recent = await verifiedDomain(HOUR);
    const recentBefore = await stateOf(recent.domain);
    const now = Date.now();
    await runUntilDone(now);
    expect(await stateOf(due.domain)).toEqual({ state: "verified", autoJoin: 1, misses: 0, checked: now });
    expect(await stateOf(recent.domain)).toEqual(recentBefore);
  });

  it("sends a domain back to pending with auto-join off after three misses in a row, audited", async () => {
    const { org, domain } = await verifiedDomain(DAY + HOUR);
    dns.records.set(`_org-verification.${domain}`, "nxdomain");
    let now = Date.now();
    for (let miss = 1; miss < MAX_MISSES; miss++) {
      await runUntilDone(now);
      expect(await stateOf(domain)).toMatchObject({ state: "verified", autoJoin: 1, misses: miss });
      now += DAY + HOUR;
    }
    await runUntilDone(now);
    expect(await stateOf(domain)).toEqual({ state: "pending", autoJoin: 0, misses: 0, checked: now });
    const audit = await rowsOf(
      env.DB,
      "select actor_type as actor, action from audit_log where organization_id = ? and action = 'domain.lapse'",
      org.id,
    );
    expect(audit).toEqual([{ actor: "system", action: "domain.lapse" }]);
  });

  it("resets the misses when the record comes back", async () => {
    const { domain, token } = await verifiedDomain(DAY + HOUR);
    dns.records.set(`_org-verification.${domain}`, { txt: ["wrong"] });
    const now = Date.now();
    await runUntilDone(now);
    expect(await stateOf(domain)).toMatchObject({ misses: 1 });
    dns.records.set(`_org-verification.${domain}`, { txt: [token] });
    await runUntilDone(now + DAY + HOUR);
    expect(await stateOf(domain)).toMatchObject({ state: "verified", misses: 0 });
  });

  it("leaves a domain untouched when the resolver fails", async () => {
    const { domain } = await verifiedDomain(DAY + HOUR);
    dns.records.set(`_org-verification.${domain}`, "servfail");
    const before = await stateOf(domain);
    const counts = await recheckDomains(env, Date.now());
    expect(counts.resolverErrors).toBeGreaterThanOrEqual(1);
    expect(await stateOf(domain)).toEqual(before);
    dns.records.delete(`_org-verification.${domain}`);
    await env.DB.prepare("update organization_domain set state = 'pending' where domain = ?")
      .bind(domain)
      .run();
  });

  it("runs from the worker's scheduled handler", async () => {
    const { domain } = await verifiedDomain(DAY + HOUR);
    const scheduledTime = Date.now();
    const controller = { scheduledTime, cron: "*/15 * * * *", noRetry() {} } as ScheduledController;
    await worker.scheduled(controller, env, createExecutionContext());
    expect((await stateOf(domain))?.checked).toBe(scheduledTime);
  });
});
