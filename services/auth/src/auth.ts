import { betterAuth } from "better-auth";
import { bearer } from "better-auth/plugins/bearer";
import { jwt } from "better-auth/plugins/jwt";
import { organization } from "better-auth/plugins/organization";
import { leaveSync, organizationSync } from "./org-sync";
import type { Adapter } from "./sync";
import { beforeUserDelete, userSync } from "./user-sync";

/**
 * What the worker uses of a Better Auth instance. Named rather than inferred: the inferred type
 * reaches into zod's internals, which a declaration file cannot name (TS2742).
 */
export interface Auth {
  handler: (request: Request) => Promise<Response>;
}

export function createAuth(env: AuthEnv): Auth {
  const auth = betterAuth({
    baseURL: env.BETTER_AUTH_URL,
    basePath: "/api/auth",
    secret: env.BETTER_AUTH_SECRET,
    // Better Auth detects a D1 binding and drives it through its built-in Kysely adapter.
    database: env.DB,
    emailAndPassword: { enabled: true, requireEmailVerification: false },
    user: {
      // Without a mailer here, an unverified address changes at once; the hook syncs it.
      changeEmail: { enabled: true, updateEmailWithoutVerification: true },
      deleteUser: { enabled: true, beforeDelete: beforeUserDelete(env) },
    },
    advanced: { ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] } },
    plugins: [
      jwt({
        jwt: {
          issuer: env.JWT_ISSUER || env.BETTER_AUTH_URL,
          audience: env.JWT_AUDIENCE || env.BETTER_AUTH_URL,
        },
      }),
      organization({ organizationHooks: organizationSync(env, adapter) }),
      // Lets API clients and tests send the session token as `Authorization: Bearer` instead of a cookie.
      bearer(),
    ],
    databaseHooks: { user: userSync(env) },
    hooks: { after: leaveSync(env, adapter) },
  });
  // The organization hooks get no endpoint context; their undo reaches the database through this.
  async function adapter(): Promise<Adapter> {
    return (await auth.$context).adapter;
  }
  return auth;
}

const instances = new WeakMap<AuthEnv, Auth>();

/** One Better Auth instance per env object, i.e. per isolate in practice. */
export function authFor(env: AuthEnv): Auth {
  let auth = instances.get(env);
  if (!auth) {
    auth = createAuth(env);
    instances.set(env, auth);
  }
  return auth;
}
