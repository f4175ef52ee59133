import { ApiError, notFound } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { findUserInOrganization } from "../../core/users";
import { writerOf } from "../../lib/actor";
import type { AppRouteHandler } from "../../lib/types";
import { transferOwnership } from "./ownership.repository";
import type { TransferRoute } from "./ownership.routes";

export const transfer: AppRouteHandler<TransferRoute> = async (c) => {
  const t = c.req.valid("json");
  const db = c.var.db;
  if (t.fromUserId === t.toUserId) {
    throw new ApiError("INVALID_INPUT", "The new owner must be another member", {
      details: [{ path: "body.toUserId", message: "Must differ from fromUserId" }],
    });
  }
  if (!(await transferOwnership(writerOf(c), t))) {
    if (!(await findUserInOrganization(db, t.toUserId, t.organizationId))) throw notFound("User");
    throw new ApiError("CONFLICT", "fromUserId is not an owner of this organization");
  }
  const [owner, previousOwner] = await Promise.all([
    findUserInOrganization(db, t.toUserId, t.organizationId),
    findUserInOrganization(db, t.fromUserId, t.organizationId),
  ]);
  if (!owner || !previousOwner) throw notFound("User");
  return c.json({ data: { owner: toUser(owner), previousOwner: toUser(previousOwner) } }, 200);
};
