import { ApiError, logError, notFound } from "@svc/platform";
import type { Context } from "hono";
import { toUser } from "../../core/user-document";
import { updateUser, userEntry } from "../../core/users";
import { writerOf } from "../../lib/actor";
import { callerUser } from "../../lib/caller";
import { orgService } from "../../lib/org-service";
import type { AppRouteHandler, UserAppEnv } from "../../lib/types";
import type { MeRoute, OnboardRoute, PatchProfileRoute } from "./profile.routes";

export const me: AppRouteHandler<MeRoute> = async (c) => {
  // The guard read the caller's row for this request; reading it again would only cost.
  const row = c.var.callerRecord;
  if (!row) throw notFound("User");
  return c.json({ data: { ...toUser(row), ...(await organizationState(c, row.organizationId)) } }, 200);
};

/** Asked of the org service (the owner of the lifecycle); a purged org reads as deleted. */
async function organizationState(c: Context<UserAppEnv>, organizationId: string | null) {
  if (!organizationId) return { organizationState: "deleted" as const, organizationRestorableUntil: null };
  try {
    const org = await orgService(c).lifecycle(organizationId);
    return {
      organizationState: org?.state ?? ("deleted" as const),
      organizationRestorableUntil: org?.restorableUntil ?? null,
    };
  } catch (err) {
    logError(c, err);
    return { organizationState: "unknown" as const, organizationRestorableUntil: null };
  }
}

export const onboard: AppRouteHandler<OnboardRoute> = async (c) => {
  const input = c.req.valid("json");
  const caller = callerUser(c);
  const entry = userEntry(caller.organizationId, caller.id, "user.onboard", { fields: Object.keys(input) });
  const row = await updateUser(
    writerOf(c),
    caller.id,
    { ...input, status: "active", updatedAt: Date.now() },
    [entry],
  );
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};

export const patchProfile: AppRouteHandler<PatchProfileRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const caller = callerUser(c);
  if (id !== caller.id) throw new ApiError("FORBIDDEN", "Only the user may edit their own profile");
  const patch = c.req.valid("json");
  const entry = userEntry(caller.organizationId, id, "user.profile.update", { fields: Object.keys(patch) });
  const row = await updateUser(writerOf(c), id, { ...patch, updatedAt: Date.now() }, [entry]);
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};
