import type { Permissions } from "@svc/contracts";
import { ApiError, notFound } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { findUserInOrganization, notLastOwner, updateUser, userEntry } from "../../core/users";
import { writerOf } from "../../lib/actor";
import { defaultPermissions } from "../../lib/permissions";
import { assertCanGrant, assertCanManage, isAdmin } from "../../lib/roles";
import type { AppRouteHandler } from "../../lib/types";
import type { GetPermissionsRoute, PatchRoleRoute, PutPermissionsRoute } from "./permissions.routes";

/** The top-level permission groups a write changes (names only: the entry stays small). */
const changedFlags = (before: Permissions, after: Permissions) =>
  (Object.keys(after) as (keyof Permissions)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );

export const getPermissions: AppRouteHandler<GetPermissionsRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const principal = c.var.principal;
  if (principal?.kind === "user" && principal.user.id !== id && !isAdmin(principal.user.role)) {
    throw new ApiError("FORBIDDEN", "Only the user or an admin may read these permissions");
  }
  const target = await findUserInOrganization(c.var.db, id, c.var.tenantId!);
  if (!target) throw notFound("User");
  return c.json({ data: target.permissions }, 200);
};

export const putPermissions: AppRouteHandler<PutPermissionsRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const permissions = c.req.valid("json");
  const target = await findUserInOrganization(c.var.db, id, c.var.tenantId!);
  if (!target) throw notFound("User");
  assertCanManage(c.var.principal, target);
  assertCanGrant(c.var.principal, permissions, target.permissions);
  const entry = userEntry(c.var.tenantId!, id, "user.permissions.update", {
    flags: changedFlags(target.permissions, permissions),
  });
  const row = await updateUser(writerOf(c), id, { permissions, updatedAt: Date.now() }, [entry]);
  if (!row) throw notFound("User");
  return c.json({ data: row.permissions }, 200);
};

export const patchRole: AppRouteHandler<PatchRoleRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { role } = c.req.valid("json");
  const organizationId = c.var.tenantId!;
  const target = await findUserInOrganization(c.var.db, id, organizationId);
  if (!target) throw notFound("User");
  assertCanManage(c.var.principal, target, role);
  if (target.role === role) return c.json({ data: toUser(target) }, 200);
  const row = await updateUser(
    writerOf(c),
    id,
    { role, permissions: defaultPermissions(role), updatedAt: Date.now() },
    [userEntry(organizationId, id, "user.role.update", { from: target.role, to: role })],
    notLastOwner(organizationId),
  );
  if (row) return c.json({ data: toUser(row) }, 200);
  if (!(await findUserInOrganization(c.var.db, id, organizationId))) throw notFound("User");
  throw new ApiError("CONFLICT", "The organization's last owner cannot be demoted");
};
