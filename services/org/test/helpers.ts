import { env, SELF } from "cloudflare:test";
import type { Organization, User } from "@svc/contracts";
import { expectData, json, serviceHeaders, type TestIssuer } from "@svc/platform/testing";

export const api = (path: string, init?: RequestInit) => SELF.fetch(`http://org.test${path}`, init);

export async function createOrg(overrides: Record<string, unknown> = {}): Promise<Organization> {
  const res = await api("/api/v1/organizations", {
    method: "POST",
    ...json({ name: `Org ${crypto.randomUUID().slice(0, 8)}`, ...overrides }, serviceHeaders()),
  });
  return (await expectData<{ data: Organization }>(res, 201)).data;
}

/** Creates a user in the real user service (through the org worker's own USER_SERVICE binding). */
export async function createUser(
  organizationId: string,
  role: "member" | "admin" | "owner" = "member",
): Promise<User> {
  const id = crypto.randomUUID();
  const res = await env.USER_SERVICE.fetch("http://user-service/api/v1/users/create", {
    method: "POST",
    ...json(
      {
        betterAuthUserId: `ba_${id}`,
        email: `${id}@example.com`,
        name: "Test User",
        organizationId,
        role,
        status: "active",
      },
      serviceHeaders(),
    ),
  });
  return (await expectData<{ data: User }>(res, 201)).data;
}

export async function tokenFor(
  issuer: TestIssuer,
  organizationId: string,
  role: "member" | "admin" | "owner" = "member",
) {
  const user = await createUser(organizationId, role);
  return { user, token: await issuer.sign(user.betterAuthUserId) };
}
