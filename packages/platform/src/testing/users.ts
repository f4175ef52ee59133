import { expectData, json, serviceHeaders } from "./http";
import type { TestIssuer } from "./jwt";

/** How a test reaches the real user service: its own worker, or another worker's binding to it. */
export type UserServiceCall = (path: string, init: RequestInit) => Promise<Response>;

type Role = "member" | "admin" | "owner";
/** What every caller reads of a created user; callers name the contract type they expect. */
interface CreatedUser {
  id: string;
  betterAuthUserId: string;
}

/**
 * Creates an active user through the real user service's `/users/create` (defaults: a fresh
 * identity and email, role member); `fields` overrides any of them.
 */
export async function createUserThrough<U extends CreatedUser>(
  call: UserServiceCall,
  fields: { organizationId: string | null; role?: Role } & Record<string, unknown>,
): Promise<U> {
  const id = crypto.randomUUID();
  const res = await call("/api/v1/users/create", {
    method: "POST",
    ...json(
      {
        betterAuthUserId: `ba_${id}`,
        email: `${id}@example.com`,
        name: "Test User",
        role: "member",
        status: "active",
        ...fields,
      },
      serviceHeaders(),
    ),
  });
  return (await expectData<{ data: U }>(res, 201)).data;
}

/** A new user of `role` in `organizationId`, and a JWT for them from `issuer`. */
export async function userWithToken<U extends CreatedUser>(
  call: UserServiceCall,
  issuer: TestIssuer,
  organizationId: string,
  role: Role = "member",
) {
  const user = await createUserThrough<U>(call, { organizationId, role });
  return { user, token: await issuer.sign(user.betterAuthUserId) };
}
