import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import {
  createUserThrough,
  expectData,
  json,
  serviceHeaders,
  type TestIssuer,
  type UserServiceCall,
  userHeaders,
  userWithToken,
} from "@svc/platform/testing";
import worker from "../src/index";

export const api = (path: string, init?: RequestInit) =>
  exports.default.fetch(`http://org.test${path}`, init);

export const post = (path: string, body: unknown, headers: Record<string, string>) =>
  api(path, { method: "POST", ...json(body, headers) });

export async function createOrg(overrides: Record<string, unknown> = {}): Promise<Organization> {
  const res = await post(
    "/api/v1/organizations",
    { name: `Org ${crypto.randomUUID().slice(0, 8)}`, ...overrides },
    serviceHeaders(),
  );
  return (await expectData<{ data: Organization }>(res, 201)).data;
}

/** A fresh onboarding payload: a new organization, its owner and a first API key. */
export const onboardingBody = () => {
  const id = crypto.randomUUID().slice(0, 8);
  return {
    organization: { name: `Onboarded ${id}`, slug: `onboarded-${id}` },
    owner: { betterAuthUserId: `ba_${id}`, email: `owner-${id}@example.com`, name: "Owner" },
    apiKey: { name: "First key", scopes: ["all:read"] },
  };
};

/** The real user service, through the org worker's own USER_SERVICE binding. */
const userService: UserServiceCall = (path, init) =>
  env.USER_SERVICE.fetch(`http://user-service${path}`, init);

export const createUser = (
  organizationId: string,
  role: "member" | "admin" | "owner" = "member",
  extra: Record<string, unknown> = {},
) => createUserThrough<User>(userService, { organizationId, role, ...extra });

export const tokenFor = (
  issuer: TestIssuer,
  organizationId: string,
  role: "member" | "admin" | "owner" = "member",
) => userWithToken<User>(userService, issuer, organizationId, role);

/** Drives the worker with some bindings replaced (a failing peer, a tight rate limiter). */
export const callWith = (path: string, init: RequestInit, overrides: Partial<Cloudflare.Env>) =>
  worker.fetch(
    new Request(`http://org.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

/** A user of the given role in a fresh business org, with a JWT for them. */
export async function memberOf(issuer: TestIssuer, role: "member" | "admin" | "owner" = "member") {
  const org = await createOrg();
  const { user, token } = await tokenFor(issuer, org.id, role);
  return { org, user, token, headers: userHeaders(token) };
}

/** A user alone in their personal org, as the auth-service sync leaves a new sign-up. */
export async function personalUser(issuer: TestIssuer) {
  const org = await createOrg({ kind: "personal" });
  const { user, token } = await tokenFor(issuer, org.id, "owner");
  return { org, user, token, headers: userHeaders(token) };
}

/** A peer stand-in that answers some requests itself and forwards the rest to the real user service. */
export function userServiceWith(intercept: (req: Request) => Response | null): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      return intercept(req.clone()) ?? env.USER_SERVICE.fetch(req);
    },
    connect: () => {
      throw new Error("not used");
    },
  } as Fetcher;
}

export interface Issued {
  invitation: { id: string; email: string; role: string; status: string; expiresAt: string };
  inviteUrl: string;
}

/** Invites `email` into `organizationId` (as a service, unless headers are given); 201 expected. */
export async function invite(
  organizationId: string,
  email: string,
  role: "member" | "admin" = "member",
  headers = serviceHeaders(organizationId),
) {
  const res = await post(`/api/v1/organizations/${organizationId}/invitations`, { email, role }, headers);
  const { data } = await expectData<{ data: Issued }>(res, 201);
  return { ...data, token: data.inviteUrl.slice(data.inviteUrl.lastIndexOf("/") + 1) };
}

/** POST /api/v1/invitations/accept as the holder of `headers`. */
export const acceptInvitation = (token: string, headers: Record<string, string>) =>
  post("/api/v1/invitations/accept", { token }, headers);
