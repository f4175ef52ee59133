import { ApiError, logError, notFound } from "@svc/platform";
import { isNull } from "drizzle-orm";
import type { Context } from "hono";
import { moveOutRule, othersRemain } from "../../core/move-out";
import { toUser } from "../../core/user-document";
import { findUser, memberOf, updateUser, userEntry } from "../../core/users";
import { user } from "../../db/schema";
import { writerOf } from "../../lib/actor";
import { assertLiveOrganization, orgService } from "../../lib/org-service";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler, UserAppEnv } from "../../lib/types";
import type { MoveOutCheckRoute, PutMembershipRoute } from "./membership.routes";

/**
 * The move is always a compare-and-set on where the user was read to be (or on
 * `fromOrganizationId` when the caller names it), so its audit entries name the organization the
 * user really left: a concurrent move makes this one a 409 instead of a wrong entry.
 */
export const putMembership: AppRouteHandler<PutMembershipRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { organizationId, role, fromOrganizationId } = c.req.valid("json");
  await assertLiveOrganization(c, organizationId);
  const current = await findUser(c.var.db, id);
  if (!current) throw notFound("User");
  const from = fromOrganizationId ?? current.organizationId;
  const moved = { to: organizationId, role };
  const entries = [userEntry(organizationId, id, "user.membership.join", { from, role })];
  if (from && from !== organizationId) {
    entries.unshift(userEntry(from, id, "user.membership.leave", moved));
  }
  const row = await updateUser(
    writerOf(c),
    id,
    { organizationId, role, permissions: defaultPermissions(role), updatedAt: Date.now() },
    entries,
    from ? memberOf(from) : isNull(user.organizationId),
  );
  if (!row) {
    if (await findUser(c.var.db, id)) {
      throw new ApiError("CONFLICT", "The user is no longer in the organization the move expected");
    }
    throw notFound("User");
  }
  if (from && from !== organizationId) await retireIfEmptyPersonal(c, from, id);
  return c.json({ data: toUser(row) }, 200);
};

export const moveOutCheck: AppRouteHandler<MoveOutCheckRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const from = c.req.valid("json");
  const current = await findUser(c.var.db, id);
  if (!current) throw notFound("User");
  if (current.organizationId !== from.organizationId) {
    throw new ApiError("CONFLICT", "The user is no longer in this organization");
  }
  const others = !from.deleted && (await othersRemain(c.var.db, from.organizationId, id));
  return c.json({ data: moveOutRule(from, others) }, 200);
};

/**
 * A personal org holds exactly its one member: the move that empties it retires it, as creating an
 * org and accepting an invitation do. Best effort after the move has happened; the org service's
 * sweep removes one this misses.
 */
async function retireIfEmptyPersonal(c: Context<UserAppEnv>, orgId: string, movedUserId: string) {
  try {
    if (await othersRemain(c.var.db, orgId, movedUserId)) return;
    const orgs = orgService(c);
    const org = await orgs.getOrganization(orgId);
    if (org?.kind === "personal") await orgs.deleteOrganization(orgId);
  } catch (err) {
    logError(c, new Error(`Could not retire emptied personal organization ${orgId}`, { cause: err }));
  }
}
