import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, GATEWAY_KEY, rowsOf, serviceHeaders, TEST_AUTH_URL } from "@svc/platform/testing";

type AuthFetcher = Pick<Fetcher, "fetch">;

export interface Account {
  session: string;
  betterAuthUserId: string;
  jwt: string;
  email: string;
}

const tag = () => crypto.randomUUID().slice(0, 8);
export const uniqueEmail = (who: string) => `${who}-${tag()}@example.com`;
export const uniqueSlug = (what: string) => `${what}-${tag()}`;

/** POSTs to a Better Auth endpoint with the session as a bearer token (and a trusted Origin). */
export const authPost = (path: string, session: string, body: unknown, auth: AuthFetcher = env.AUTH) =>
  auth.fetch(`${TEST_AUTH_URL}/api/auth${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${session}`,
      origin: TEST_AUTH_URL,
    },
    body: JSON.stringify(body),
  });

/** Signs up through the real Better Auth worker and exchanges the session for its JWT. */
export async function signUp(who: string, name = "Ada Lovelace"): Promise<Account> {
  const email = uniqueEmail(who);
  const res = await env.AUTH.fetch(`${TEST_AUTH_URL}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple", name }),
  });
  const signed = await expectData<{ token: string; user: { id: string } }>(res, 200);
  const tokenRes = await env.AUTH.fetch(`${TEST_AUTH_URL}/api/auth/token`, {
    headers: { authorization: `Bearer ${signed.token}` },
  });
  const { token } = await expectData<{ token: string }>(tokenRes, 200);
  return { session: signed.token, betterAuthUserId: signed.user.id, jwt: token, email };
}

/** Creates an organization through Better Auth's own API (the creator becomes its owner). */
export async function createTeam(owner: Account, auth: AuthFetcher = env.AUTH) {
  const slug = uniqueSlug("team");
  const res = await authPost("/organization/create", owner.session, { name: `Team ${slug}`, slug }, auth);
  return { res, slug, name: `Team ${slug}` };
}

/** The user service's user of a Better Auth identity (null when it has none). */
export async function serviceUser(betterAuthUserId: string): Promise<User | null> {
  const res = await env.USER.fetch(`http://user/api/v1/users/by-auth-id/${betterAuthUserId}`, {
    headers: serviceHeaders(),
  });
  if (res.status === 404) return null;
  return (await expectData<{ data: User }>(res, 200)).data;
}

type ServiceOrg = {
  id: string;
  name: string;
  slug: string;
  kind: string;
  status: string;
  betterAuthOrgId: string;
};

/** The org service's live organization synced from a Better Auth organization (null when none). */
export async function serviceOrg(betterAuthOrgId: string): Promise<ServiceOrg | null> {
  const res = await env.ORG.fetch(`http://org/api/v1/organizations/by-auth-id/${betterAuthOrgId}`, {
    headers: serviceHeaders(),
  });
  if (res.status === 404) return null;
  return (await expectData<{ data: ServiceOrg }>(res, 200)).data;
}

/** The org service's live organization by id (null when it is gone). */
export async function orgById(id: string): Promise<ServiceOrg | null> {
  const res = await env.ORG.fetch(`http://org/api/v1/organizations/${id}`, { headers: serviceHeaders(id) });
  if (res.status === 404) return null;
  return (await expectData<{ data: ServiceOrg }>(res, 200)).data;
}

/** `GET /users/me` with the account's JWT, through the gateway headers. */
export const me = async (account: Account) =>
  (
    await expectData<{ data: User & { organizationState: string } }>(
      await env.USER.fetch("http://user/api/v1/users/me", {
        headers: { "x-internal-key": GATEWAY_KEY, authorization: `Bearer ${account.jwt}` },
      }),
      200,
    )
  ).data;

/** Better Auth's own rows, read from its D1. */
export const authRows = <T>(sql: string, ...params: unknown[]) => rowsOf<T>(env.AUTH_DB, sql, ...params);

export const membersOf = (betterAuthOrgId: string) =>
  authRows<{ id: string; userId: string; role: string }>(
    'SELECT id, "userId", role FROM member WHERE "organizationId" = ? ORDER BY "createdAt"',
    betterAuthOrgId,
  );
