import { ApiError, notFound } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { updateUser } from "../../core/users";
import { callerUser } from "../../lib/caller";
import type { AppRouteHandler } from "../../lib/types";
import type { MeRoute, OnboardRoute, PatchProfileRoute } from "./profile.routes";

export const me: AppRouteHandler<MeRoute> = async (c) => {
  // The guard read the caller's row for this request; reading it again would only cost.
  const row = c.var.callerRecord;
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};

export const onboard: AppRouteHandler<OnboardRoute> = async (c) => {
  const input = c.req.valid("json");
  const row = await updateUser(c.var.db, callerUser(c).id, {
    ...input,
    status: "active",
    updatedAt: Date.now(),
  });
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};

export const patchProfile: AppRouteHandler<PatchProfileRoute> = async (c) => {
  const { id } = c.req.valid("param");
  if (id !== callerUser(c).id) throw new ApiError("FORBIDDEN", "Only the user may edit their own profile");
  const row = await updateUser(c.var.db, id, { ...c.req.valid("json"), updatedAt: Date.now() });
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};
