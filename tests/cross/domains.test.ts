import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, GATEWAY_KEY, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";

const gateway = (token: string) => ({ "x-internal-key": GATEWAY_KEY, authorization: `Bearer ${token}` });

/** Signs up through the real Better Auth worker (whose hook syncs the user) and reads the user back. */
async function signUp(email: string): Promise<User> {
  const res = await env.AUTH.fetch("http://auth.test/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple", name: "Grace Hopper" }),
  });
  const session = await expectData<{ token: string }>(res, 200);
  const tokenRes = await env.AUTH.fetch("http://auth.test/api/auth/token", {
    headers: { authorization: `Bearer ${session.token}` },
  });
  const { token } = await expectData<{ token: string }>(tokenRes, 200);
  const me = await env.USER.fetch("http://user/api/v1/users/me", { headers: gateway(token) });
  return (await expectData<{ data: User }>(me, 200)).data;
}

/**
 * An enterprise organization (a plan with verified domains) with `seats` and a verified,
 * auto-joining domain. The DNS lookup is tested in the org service's own tests; here the row is
 * left as a successful verification leaves it.
 */
async function verifiedDomainOrg(seats = 5) {
  const domain = `corp-${crypto.randomUUID().slice(0, 8)}.com`;
  const created = await env.ORG.fetch("http://org/api/v1/organizations", {
    method: "POST",
    ...json({ name: `Corp ${domain}` }, serviceHeaders()),
  });
  const { data: organization } = await expectData<{ data: Organization }>(created, 201);
  await expectData(
    await env.ORG.fetch(`http://org/api/v1/organizations/${organization.id}`, {
      method: "PATCH",
      ...json({ subscriptionTier: "enterprise", seats }, serviceHeaders(organization.id)),
    }),
    200,
  );
  await expectData(
    await env.ORG.fetch(`http://org/api/v1/organizations/${organization.id}/domains`, {
      method: "PUT",
      ...json({ domains: [domain] }, serviceHeaders(organization.id)),
    }),
    200,
  );
  await env.ORG_DB.prepare(
    "update organization_domain set state = 'verified', verified_at = ?1, last_checked_at = ?1, auto_join = 1 where domain = ?2",
  )
    .bind(Date.now(), domain)
    .run();
  return { organization, domain };
}

const kindOf = async (organizationId: string) =>
  (
    await env.ORG_DB.prepare("select kind from organization where id = ?")
      .bind(organizationId)
      .first<{ kind: string }>()
  )?.kind;

const unique = () => crypto.randomUUID().slice(0, 8);

describe("sign-up through Better Auth with a verified domain", () => {
  it("makes a user whose email domain is verified with auto-join on a member of that organization", async () => {
    const { organization, domain } = await verifiedDomainOrg();
    const user = await signUp(`grace-${unique()}@${domain}`);
    expect(user).toMatchObject({ organizationId: organization.id, role: "member" });
    const audit = await env.ORG_DB.prepare(
      "select resource_id as userId from audit_log where organization_id = ? and action = 'member.auto_join'",
    )
      .bind(organization.id)
      .all<{ userId: string }>();
    expect(audit.results).toEqual([{ userId: user.id }]);
  });

  it("gives a user whose domain no organization verified a personal organization", async () => {
    await verifiedDomainOrg();
    const user = await signUp(`alan-${unique()}@unverified-${unique()}.com`);
    expect(user.role).toBe("owner");
    expect(await kindOf(user.organizationId!)).toBe("personal");
  });

  it("gives a personal organization when the verified domain's organization has no free seat", async () => {
    const { organization, domain } = await verifiedDomainOrg(1);
    const first = await signUp(`first-${unique()}@${domain}`);
    expect(first.organizationId).toBe(organization.id);
    const second = await signUp(`second-${unique()}@${domain}`);
    expect(second.organizationId).not.toBe(organization.id);
    expect(second.role).toBe("owner");
    expect(await kindOf(second.organizationId!)).toBe("personal");
  });
});
