import { ApiError, logError, notFound } from "@svc/platform";
import type { Context } from "hono";
import { toUser } from "../../core/user-document";
import { findUser, memberOf, updateUser } from "../../core/users";
import { assertLiveOrganization, orgService } from "../../lib/org-service";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler, UserAppEnv } from "../../lib/types";
import { hasLiveMembers } from "./membership.repository";
import type { PutMembershipRoute } from "./membership.routes";

export const putMembership: AppRouteHandler<PutMembershipRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { organizationId, role, fromOrganizationId } = c.req.valid("json");
  await assertLiveOrganization(c, organizationId);
  const before = await findUser(c.var.db, id);
  const row = await updateUser(
    c.var.db,
    id,
    { organizationId, role, permissions: defaultPermissions(role), updatedAt: Date.now() },
    fromOrganizationId ? memberOf(fromOrganizationId) : undefined,
  );
  if (!row) {
    if (fromOrganizationId && before) {
      throw new ApiError("CONFLICT", "The user is no longer in the organization the move expected");
    }
    throw notFound("User");
  }
  const left = fromOrganizationId ?? before?.organizationId;
  if (left && left !== organizationId) await retireIfEmptyPersonal(c, left);
  return c.json({ data: toUser(row) }, 200);
};

/**
 * A personal org holds exactly its one member: the move that empties it retires it, as creating an
 * org and accepting an invitation do. Best effort after the move has happened; the org service's
 * sweep removes one this misses.
 */
async function retireIfEmptyPersonal(c: Context<UserAppEnv>, orgId: string) {
  try {
    if (await hasLiveMembers(c.var.db, orgId)) return;
    const orgs = orgService(c);
    const org = await orgs.getOrganization(orgId);
    if (org?.kind === "personal") await orgs.deleteOrganization(orgId);
  } catch (err) {
    logError(c, new Error(`Could not retire emptied personal organization ${orgId}`, { cause: err }));
  }
}
