import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import {
  createUserThrough,
  expectData,
  json,
  serviceHeaders,
  type TestIssuer,
  userWithToken,
} from "@svc/platform/testing";
import worker from "../src/index";

export const api = (path: string, init?: RequestInit) =>
  exports.default.fetch(`http://user.test${path}`, init);

export const post = (path: string, body: unknown, headers: Record<string, string>) =>
  api(path, { method: "POST", ...json(body, headers) });

/** The id of a fresh live organization: users may only be placed in one that exists. */
export const orgId = async () => (await createOrg()).id;

export const createUser = async (
  organizationId?: string | null,
  role: "member" | "admin" | "owner" = "member",
) =>
  createUserThrough<User>(api, {
    organizationId: organizationId === undefined ? await orgId() : organizationId,
    role,
  });

export const tokenFor = async (
  issuer: TestIssuer,
  organizationId?: string,
  role: "member" | "admin" | "owner" = "member",
) => userWithToken<User>(api, issuer, organizationId ?? (await orgId()), role);

/** A user with chosen fields (defaults: a fresh identity in a fresh organization). */
export const createUserWith = async (fields: Record<string, unknown>) =>
  createUserThrough<User>(api, {
    organizationId: "organizationId" in fields ? null : await orgId(),
    ...fields,
  });

/** Calls the worker with some bindings replaced (a failing peer, another JWKS URL, a billing URL). */
export const apiWith = (overrides: Partial<Cloudflare.Env>, path: string, init?: RequestInit) =>
  worker.fetch(
    new Request(`http://user.test${path}`, init),
    { ...env, ...overrides },
    createExecutionContext(),
  );

/** A failing peer at the binding boundary. */
export const failingFetcher = (status?: number) =>
  ({
    fetch: async () => {
      if (status) return new Response("down", { status });
      throw new TypeError("connection refused");
    },
    connect: () => {
      throw new TypeError("not supported");
    },
  }) as unknown as Fetcher;

/** A live organization in the real org service (the peer behind ORG_SERVICE). */
export async function createOrg(fields: Record<string, unknown> = {}): Promise<{ id: string; kind: string }> {
  const res = await env.ORG_SERVICE.fetch("http://org-service/api/v1/organizations", {
    method: "POST",
    ...json({ name: `Org ${crypto.randomUUID().slice(0, 8)}`, ...fields }, serviceHeaders()),
  });
  return (await expectData<{ data: { id: string; kind: string } }>(res, 201)).data;
}
