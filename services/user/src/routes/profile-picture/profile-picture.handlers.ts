import { ApiError, assetUrl, keyOfUrl, notFound, putImage, readImageField } from "@svc/platform";
import type { Context } from "hono";
import { findUser, updateUser, userEntry } from "../../core/users";
import { writerOf } from "../../lib/actor";
import { callerUser } from "../../lib/caller";
import type { AppRouteHandler, UserAppEnv } from "../../lib/types";
import type { RemoveRoute, UploadRoute } from "./profile-picture.routes";

async function self(c: Context<UserAppEnv>) {
  const id = c.req.param("id") as string;
  if (id !== callerUser(c).id) throw new ApiError("FORBIDDEN", "Only the user may change their own picture");
  const row = await findUser(c.var.db, id);
  if (!row) throw notFound("User");
  return row;
}

/**
 * Saves the new URL, then deletes the previous object unless it is the same key (same bytes).
 * A failed delete is logged and leaves only an unreferenced object behind.
 */
async function setPicture(
  c: Context<UserAppEnv>,
  id: string,
  previousUrl: string | null,
  url: string | null,
) {
  const organizationId = callerUser(c).organizationId;
  const action = url ? "user.profile_picture.update" : "user.profile_picture.remove";
  const row = await updateUser(writerOf(c), id, { profilePictureUrl: url, updatedAt: Date.now() }, [
    userEntry(organizationId, id, action, {}),
  ]);
  if (!row) throw notFound("User");
  const previous = keyOfUrl(previousUrl, "avatars", id);
  if (previous && previous !== keyOfUrl(url, "avatars", id)) {
    await c.env.R2_BUCKET.delete(previous).catch((err: unknown) =>
      console.error(
        JSON.stringify({
          level: "error",
          event: "avatar.delete_failed",
          requestId: c.get("requestId"),
          key: previous,
          error: err instanceof Error ? err.name : "unknown",
        }),
      ),
    );
  }
}

export const upload: AppRouteHandler<UploadRoute> = async (c) => {
  const row = await self(c);
  const image = await readImageField(c.req, "picture");
  const key = await putImage(c.env.R2_BUCKET, "avatars", row.id, image);
  const url = assetUrl(c.env.ASSETS_BASE_URL, c.req.url, key);
  await setPicture(c, row.id, row.profilePictureUrl, url);
  return c.json({ data: { profilePictureUrl: url } }, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const row = await self(c);
  await setPicture(c, row.id, row.profilePictureUrl, null);
  return c.body(null, 204);
};
