import { ApiError, notFound, toIso } from "@svc/platform";
import { batchWrite } from "../../core/batch";
import {
  findOrganizationAnyState,
  lifecycleOf,
  restoreStatement,
  restoreWindowMs,
} from "../../core/lifecycle";
import { toOrganization } from "../../core/organizations.dto";
import { liveOrgs } from "../../core/organizations.repository";
import { evictPrincipal } from "../../lib/access";
import { writerOf } from "../../lib/actor";
import { etagOf } from "../../lib/etag";
import type { AppRouteHandler } from "../../lib/types";
import { userService } from "../../lib/user-service";
import type { LifecycleRoute, RestoreRoute, TransferOwnershipRoute } from "./lifecycle.routes";

/**
 * Reads the org in any state itself (every other route treats a deleted org as gone). Nothing
 * about the members changes: a member who did not move out still points at this org.
 */
export const restore: AppRouteHandler<RestoreRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db;
  const now = Date.now();
  const deletedAfter = now - restoreWindowMs(c.env);
  const found = await findOrganizationAnyState(db, id);
  if (!found || (found.deletedAt !== null && found.deletedAt <= deletedAfter)) throw notFound("Organization");
  if (found.deletedAt === null) throw new ApiError("CONFLICT", "The organization is not deleted");
  const entry = { organizationId: id, resourceType: "organization", resourceId: id };
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: restoreStatement(db, id, deletedAfter, now),
        audit: { ...entry, action: "organization.restore", metadata: { deletedAt: toIso(found.deletedAt) } },
        counter: liveOrgs(1),
      },
    ],
    now,
  );
  const row = rows[0];
  // A concurrent restore got there first (or the purge did): answer as the state now is.
  if (!row)
    throw (await findOrganizationAnyState(db, id))
      ? new ApiError("CONFLICT", "The organization is not deleted")
      : notFound("Organization");
  c.header("ETag", etagOf(row.version));
  return c.json({ data: toOrganization(row) }, 200);
};

export const transferOwnership: AppRouteHandler<TransferOwnershipRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { userId } = c.req.valid("json");
  const principal = c.get("principal");
  if (principal?.kind !== "user") throw new ApiError("FORBIDDEN", "Only an owner may transfer ownership");
  if (userId === principal.user.id) {
    throw new ApiError("INVALID_INPUT", "The new owner must be another member", {
      details: [{ path: "body.userId", message: "You already own this organization" }],
    });
  }
  const { owner, previousOwner } = await userService(c).transferOwnership({
    organizationId: id,
    fromUserId: principal.user.id,
    toUserId: userId,
  });
  evictPrincipal(owner.betterAuthUserId);
  evictPrincipal(previousOwner.betterAuthUserId);
  return c.json({ data: { organizationId: id, ownerId: owner.id, previousOwnerId: previousOwner.id } }, 200);
};

export const lifecycle: AppRouteHandler<LifecycleRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const row = await findOrganizationAnyState(c.var.db, id);
  if (!row) throw notFound("Organization");
  const state = lifecycleOf(row, restoreWindowMs(c.env));
  return c.json(
    {
      data: {
        id,
        state: state.state,
        deletedAt: state.deletedAt === null ? null : toIso(state.deletedAt),
        restorableUntil: state.restorableUntil === null ? null : toIso(state.restorableUntil),
      },
    },
    200,
  );
};
