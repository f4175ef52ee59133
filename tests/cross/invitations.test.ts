import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, expectError, GATEWAY_KEY, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";

const gateway = (token: string) => ({
  "x-internal-key": GATEWAY_KEY,
  authorization: `Bearer ${token}`,
  "content-type": "application/json",
});

/** Signs up through the real Better Auth worker and exchanges the session for its JWT. */
async function signUp(email: string, name: string) {
  const res = await env.AUTH.fetch("http://auth.test/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple", name }),
  });
  const session = await expectData<{ token: string }>(res, 200);
  const tokenRes = await env.AUTH.fetch("http://auth.test/api/auth/token", {
    headers: { authorization: `Bearer ${session.token}` },
  });
  return (await expectData<{ token: string }>(tokenRes, 200)).token;
}

const me = async (jwt: string) =>
  (
    await expectData<{ data: User }>(
      await env.USER.fetch("http://user/api/v1/users/me", { headers: gateway(jwt) }),
      200,
    )
  ).data;

describe("invite → sign up → accept, across the auth, org and user workers", () => {
  it("moves the invitee into the owner's organization and retires their personal one", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const owner = await signUp(`owner-${tag}@example.com`, "Olive Owner");
    const created = await env.ORG.fetch("http://org/api/v1/organizations", {
      method: "POST",
      headers: gateway(owner),
      body: JSON.stringify({ name: `Team ${tag}` }),
    });
    const team = (await expectData<{ data: Organization }>(created, 201)).data;

    const inviteeEmail = `Invitee-${tag}@Example.com`;
    const invited = await env.ORG.fetch(`http://org/api/v1/organizations/${team.id}/invitations`, {
      method: "POST",
      headers: gateway(owner),
      body: JSON.stringify({ email: inviteeEmail, role: "admin" }),
    });
    const { data } = await expectData<{ data: { inviteUrl: string } }>(invited, 201);
    const token = data.inviteUrl.slice(data.inviteUrl.lastIndexOf("/") + 1);

    const invitee = await signUp(inviteeEmail.toLowerCase(), "Ivy Invitee");
    const personalOrgId = (await me(invitee)).organizationId!;
    const accepted = await env.ORG.fetch("http://org/api/v1/invitations/accept", {
      method: "POST",
      headers: gateway(invitee),
      body: JSON.stringify({ token }),
    });
    expect((await expectData<{ data: Organization }>(accepted, 200)).data.id).toBe(team.id);

    const members = await env.ORG.fetch(`http://org/api/v1/organizations/${team.id}/members`, {
      headers: gateway(owner),
    });
    const page = await expectData<{ data: User[] }>(members, 200);
    expect(page.data.map((u) => [u.email, u.role]).sort()).toEqual([
      [`invitee-${tag}@example.com`, "admin"],
      [`owner-${tag}@example.com`, "owner"],
    ]);
    expect(await me(invitee)).toMatchObject({ organizationId: team.id, role: "admin" });
    const personal = await env.ORG.fetch(`http://org/api/v1/organizations/${personalOrgId}`, {
      headers: serviceHeaders(personalOrgId),
    });
    await expectError(personal, 404, "NOT_FOUND");
  });
});
