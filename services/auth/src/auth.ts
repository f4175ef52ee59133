import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { bearer } from "better-auth/plugins/bearer";
import { jwt } from "better-auth/plugins/jwt";
import { organization } from "better-auth/plugins/organization";
import { syncUserToUserService } from "./user-sync";

export type Auth = ReturnType<typeof createAuth>;

export function createAuth(env: AuthEnv) {
  return betterAuth({
    baseURL: env.BETTER_AUTH_URL,
    basePath: "/api/auth",
    secret: env.BETTER_AUTH_SECRET,
    // Better Auth detects a D1 binding and drives it through its built-in Kysely adapter.
    database: env.DB,
    emailAndPassword: { enabled: true, requireEmailVerification: false },
    advanced: { ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] } },
    plugins: [
      jwt({
        jwt: {
          issuer: env.JWT_ISSUER || env.BETTER_AUTH_URL,
          audience: env.JWT_AUDIENCE || env.BETTER_AUTH_URL,
        },
      }),
      organization(),
      // Lets API clients and tests send the session token as `Authorization: Bearer` instead of a cookie.
      bearer(),
    ],
    databaseHooks: {
      user: {
        create: {
          after: async (user, ctx) => {
            const requestId = ctx?.headers?.get("x-request-id") ?? crypto.randomUUID();
            try {
              await syncUserToUserService(env, user, requestId);
            } catch (error) {
              // `create.after` runs once the user, account and session rows are written (D1 has no
              // interactive transactions, and SQL adapters run it after commit), so throwing alone
              // would leave an auth user the user service never saw: remove it, then fail the sign-up.
              console.error(
                JSON.stringify({ msg: "user sync failed", requestId, userId: user.id, error: String(error) }),
              );
              await ctx?.context.internalAdapter.deleteUser(user.id);
              throw new APIError("SERVICE_UNAVAILABLE", {
                code: "USER_SYNC_FAILED",
                message: "The user service could not be reached; the sign-up was not completed.",
              });
            }
          },
        },
      },
    },
  });
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
