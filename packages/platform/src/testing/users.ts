import { expectData, json, serviceHeaders } from "./http";

type Call = (path: string, init: RequestInit) => Promise<Response>;

/**
 * Creates an active user with a fresh identity and the given fields through the user service's
 * create route, reached by `call` (the user worker itself, or a binding to it).
 */
export async function createTestUser<U>(call: Call, fields: Record<string, unknown>): Promise<U> {
  const id = crypto.randomUUID();
  const res = await call("/api/v1/users/create", {
    method: "POST",
    ...json(
      {
        betterAuthUserId: `ba_${id}`,
        email: `${id}@example.com`,
        name: "Test User",
        status: "active",
        ...fields,
      },
      serviceHeaders(),
    ),
  });
  return (await expectData<{ data: U }>(res, 201)).data;
}
