import type { BetterAuthOptions, GenericEndpointContext, User } from "better-auth";
import { servicesFor } from "./services";
import { synced } from "./sync";

type UserHooks = NonNullable<NonNullable<BetterAuthOptions["databaseHooks"]>["user"]>;

const USER_SYNC = { code: "USER_SYNC_FAILED" };

/**
 * Better Auth owns the identity (credentials, sessions, the email and name it signs in with); the
 * user service keeps its copy of the email and name, so every change reaches it or is undone.
 */
export function userSync(env: AuthEnv): UserHooks {
  const services = servicesFor(env);
  return {
    create: {
      // `create.after` runs once the user, account and session rows are written (D1 has no
      // interactive transactions, and SQL adapters run it after commit), so throwing alone would
      // leave an auth user the user service never saw: the undo removes it.
      after: async (user, ctx) =>
        synced(
          {
            operation: "sign-up",
            ...USER_SYNC,
            message: "The user service could not be reached; the sign-up was not completed.",
            ids: { userId: user.id },
          },
          () => services.syncUser(user),
          () => ctx?.context.internalAdapter.deleteUser(user.id) ?? Promise.resolve(),
        ),
    },
    update: {
      // After the write, so the user service gets the row Better Auth kept; the session's user is
      // the row as it was, which the undo writes back (through the adapter: no hook runs again).
      after: async (user, ctx) => {
        const before = ctx?.context.session?.user;
        if (before && before.email === user.email && before.name === user.name) return;
        await synced(
          {
            operation: "user update",
            ...USER_SYNC,
            message: "The user service could not be updated; the change was not made.",
            ids: { userId: user.id },
          },
          async () => {
            const who = await services.userByAuthId(user.id);
            if (who) await services.updateUser(who.id, { email: user.email, name: user.name });
          },
          before ? () => restoreIdentity(ctx, before) : undefined,
        );
      },
    },
  };
}

function restoreIdentity(ctx: GenericEndpointContext | null | undefined, before: User) {
  return (
    ctx?.context.adapter.update({
      model: "user",
      where: [{ field: "id", value: before.id }],
      update: { email: before.email, name: before.name },
    }) ?? Promise.resolve()
  );
}

/**
 * `user.deleteUser.beforeDelete`: the user service deletes its user first, so a refusal or an
 * unreachable service stops the deletion. If Better Auth's delete then failed, asking again
 * finishes it (a user the user service no longer has counts as deleted).
 */
export function beforeUserDelete(env: AuthEnv) {
  const services = servicesFor(env);
  return async (user: User) =>
    synced(
      {
        operation: "user delete",
        ...USER_SYNC,
        message: "The user service could not be updated; the account was not deleted.",
        ids: { userId: user.id },
      },
      async () => {
        const who = await services.userByAuthId(user.id);
        if (who) await services.deleteUser(who);
      },
    );
}
