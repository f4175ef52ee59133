import { env } from "cloudflare:workers";
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
import { standInResolver } from "../../../test/dns";
import { api, callWith, teamOrg } from "../../../test/helpers";

const dns = standInResolver();

async function claim(domain: string) {
  const org = await teamOrg();
  const res = await api(`/api/v1/organizations/${org.id}/domains`, {
    method: "PUT",
    ...json({ domains: [domain] }, serviceHeaders(org.id)),
  });
  const { data } = await expectData<{ data: { verification: { recordValue: string } }[] }>(res, 200);
  return { org, token: data[0]!.verification.recordValue };
}

describe("concurrent verification of one domain by two organizations", () => {
  it("verifies exactly one when both have checked DNS and found no owner before either writes", async () => {
    const domain = `race-${crypto.randomUUID().slice(0, 8)}.com`;
    const left = await claim(domain);
    const right = await claim(domain);
    // Both organizations published their tokens: DNS alone cannot decide who wins.
    dns.records.set(`_org-verification.${domain}`, { txt: [left.token, right.token] });

    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "organization_domain" set "state" = \?/i.test(sql));
    const verify = (orgId: string) =>
      callWith(
        `/api/v1/organizations/${orgId}/domains/${domain}/verify`,
        { method: "POST", headers: serviceHeaders(orgId) },
        { DB },
      );
    const responses = await Promise.all([verify(left.org.id), verify(right.org.id)]);
    expect(gate.arrived).toBe(2);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = responses.findIndex((r) => r.status === 200);
    const body = await expectData<{ data: { state: string } }>(responses[winner]!, 200);
    expect(body.data.state).toBe("verified");
    await expectError(responses[1 - winner]!, 409, "CONFLICT");
    const rows = await rowsOf<{ organizationId: string; state: string }>(
      env.DB,
      "select organization_id as organizationId, state from organization_domain where domain = ? order by state",
      domain,
    );
    expect(rows.filter((r) => r.state === "verified")).toEqual([
      { organizationId: [left, right][winner]!.org.id, state: "verified" },
    ]);
    expect(rows.find((r) => r.state !== "verified")?.state).toBe("pending");
    // The loser's batch rolled back whole: no audit entry claims a verification it did not make.
    const audits = await rowsOf(
      env.DB,
      "select organization_id from audit_log where action = 'domain.verify' and resource_id = ?",
      domain,
    );
    expect(audits).toHaveLength(1);
  });
});
