import { ApiError, notFound } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { findUser, memberOf, updateUser } from "../../core/users";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler } from "../../lib/types";
import type { PutMembershipRoute } from "./membership.routes";

export const putMembership: AppRouteHandler<PutMembershipRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { organizationId, role, fromOrganizationId } = c.req.valid("json");
  const row = await updateUser(
    c.var.db,
    id,
    { organizationId, role, permissions: defaultPermissions(role), updatedAt: Date.now() },
    fromOrganizationId ? memberOf(fromOrganizationId) : undefined,
  );
  if (!row) {
    if (fromOrganizationId && (await findUser(c.var.db, id))) {
      throw new ApiError("CONFLICT", "The user is no longer in the organization the move expected");
    }
    throw notFound("User");
  }
  return c.json({ data: toUser(row) }, 200);
};
