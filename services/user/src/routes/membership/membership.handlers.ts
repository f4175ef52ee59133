import { notFound } from "@svc/platform";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler } from "../../lib/types";
import { toUser } from "../users/users.dto";
import { updateUser } from "../users/users.repository";
import type { PutMembershipRoute } from "./membership.routes";

export const putMembership: AppRouteHandler<PutMembershipRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { organizationId, role } = c.req.valid("json");
  const row = await updateUser(c.var.db, id, {
    organizationId,
    role,
    permissions: defaultPermissions(role),
    updatedAt: Date.now(),
  });
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};
