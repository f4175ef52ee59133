import { SELF } from "cloudflare:test";
import type { User } from "@svc/contracts";
import { expectData, json, serviceHeaders, type TestIssuer } from "@svc/platform/testing";

export const api = (path: string, init?: RequestInit) => SELF.fetch(`http://user.test${path}`, init);

export async function createUser(
  organizationId: string | null = crypto.randomUUID(),
  role: "member" | "admin" | "owner" = "member",
): Promise<User> {
  const id = crypto.randomUUID();
  const res = await api("/api/v1/users/create", {
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
  organizationId: string = crypto.randomUUID(),
  role: "member" | "admin" | "owner" = "member",
) {
  const user = await createUser(organizationId, role);
  return { user, token: await issuer.sign(user.betterAuthUserId) };
}
