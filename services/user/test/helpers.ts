import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { createUserThrough, json, type TestIssuer, userWithToken } from "@svc/platform/testing";
import worker from "../src/index";

export const api = (path: string, init?: RequestInit) =>
  exports.default.fetch(`http://user.test${path}`, init);

export const post = (path: string, body: unknown, headers: Record<string, string>) =>
  api(path, { method: "POST", ...json(body, headers) });

export const createUser = (
  organizationId: string | null = crypto.randomUUID(),
  role: "member" | "admin" | "owner" = "member",
) => createUserThrough<User>(api, { organizationId, role });

export const tokenFor = (
  issuer: TestIssuer,
  organizationId: string = crypto.randomUUID(),
  role: "member" | "admin" | "owner" = "member",
) => userWithToken<User>(api, issuer, organizationId, role);

/** A user with chosen fields (defaults: a fresh identity in a fresh organization). */
export const createUserWith = (fields: Record<string, unknown>) =>
  createUserThrough<User>(api, { organizationId: crypto.randomUUID(), ...fields });

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
