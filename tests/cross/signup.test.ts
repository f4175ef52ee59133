import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, expectError, GATEWAY_KEY, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";

const gateway = (token: string) => ({ "x-internal-key": GATEWAY_KEY, authorization: `Bearer ${token}` });

/** Signs up through the real Better Auth worker and exchanges the session for its JWT. */
async function signUp(email: string) {
  const res = await env.AUTH.fetch("http://auth.test/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple", name: "Ada Lovelace" }),
  });
  const session = await expectData<{ token: string; user: { id: string } }>(res, 200);
  const tokenRes = await env.AUTH.fetch("http://auth.test/api/auth/token", {
    headers: { authorization: `Bearer ${session.token}` },
  });
  const { token } = await expectData<{ token: string }>(tokenRes, 200);
  return { betterAuthUserId: session.user.id, jwt: token };
}

describe("sign-up → JWT → both services", () => {
  it("syncs a new Better Auth user into the user service with a personal org, and both services accept its JWT", async () => {
    const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { betterAuthUserId, jwt } = await signUp(email);

    const me = await expectData<{ data: User }>(
      await env.USER.fetch("http://user/api/v1/users/me", { headers: gateway(jwt) }),
      200,
    );
    expect(me.data).toMatchObject({
      betterAuthUserId,
      email,
      role: "owner",
      organizationId: expect.any(String),
      organizationState: "active",
      organizationRestorableUntil: null,
    });

    const orgId = me.data.organizationId!;
    const org = await expectData<{ data: Organization }>(
      await env.ORG.fetch(`http://org/api/v1/organizations/${orgId}`, { headers: gateway(jwt) }),
      200,
    );
    expect(org.data).toMatchObject({
      id: orgId,
      kind: "personal",
      subscriptionTier: "free",
      creatorId: me.data.id,
    });

    const members = await expectData<{ data: User[] }>(
      await env.ORG.fetch(`http://org/api/v1/organizations/${orgId}/members`, { headers: gateway(jwt) }),
      200,
    );
    expect(members.data.map((u) => u.id)).toEqual([me.data.id]);
  });

  it("refuses the same JWT for another tenant's organization", async () => {
    const { jwt } = await signUp(`eve-${crypto.randomUUID().slice(0, 8)}@example.com`);
    const { jwt: otherJwt } = await signUp(`bob-${crypto.randomUUID().slice(0, 8)}@example.com`);
    const bob = await expectData<{ data: User }>(
      await env.USER.fetch("http://user/api/v1/users/me", { headers: gateway(otherJwt) }),
      200,
    );
    const res = await env.ORG.fetch(`http://org/api/v1/organizations/${bob.data.organizationId}`, {
      headers: gateway(jwt),
    });
    await expectError(res, 403, "FORBIDDEN");
  });

  it("lets the org service read members through its binding to the user service", async () => {
    const { jwt } = await signUp(`kim-${crypto.randomUUID().slice(0, 8)}@example.com`);
    const me = await expectData<{ data: User }>(
      await env.USER.fetch("http://user/api/v1/users/me", { headers: gateway(jwt) }),
      200,
    );
    const orgId = me.data.organizationId!;
    const res = await env.ORG.fetch(`http://org/api/v1/organizations/${orgId}/members`, {
      headers: serviceHeaders(orgId),
    });
    expect((await expectData<{ data: User[] }>(res, 200)).data).toHaveLength(1);
  });
});
