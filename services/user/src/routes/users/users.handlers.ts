import type { UserPage } from "@svc/contracts";
import { ApiError, decodeKeyCursor, jsonListResponse, keysetPage, notFound, uuidv7 } from "@svc/platform";
import { auditedBatch } from "../../core/audit";
import { toUser } from "../../core/user-document";
import {
  decodeUser,
  findUserByAuthId,
  findUserInOrganization,
  insertUserQuery,
  userConflict,
  userEntry,
} from "../../core/users";
import { writerOf } from "../../lib/actor";
import { assertLiveOrganization } from "../../lib/org-service";
import { defaultPermissions } from "../../lib/permissions";
import { assertCanManage } from "../../lib/roles";
import type { AppRouteHandler } from "../../lib/types";
import { listUsersInOrganization, softDeleteUser } from "./users.repository";
import type {
  CreateRoute,
  GetByAuthIdRoute,
  GetRoute,
  ListByOrganizationRoute,
  RemoveRoute,
} from "./users.routes";

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const input = c.req.valid("json");
  if (input.organizationId) await assertLiveOrganization(c, input.organizationId);
  const now = Date.now();
  const id = uuidv7(now);
  // A user created without an organization has no audit log to appear in until it joins one.
  const audit = input.organizationId
    ? [userEntry(input.organizationId, id, "user.create", { role: input.role })]
    : [];
  try {
    const statement = insertUserQuery(c.var.db, {
      id,
      betterAuthUserId: input.betterAuthUserId,
      organizationId: input.organizationId,
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      status: input.status,
      permissions: input.permissions ?? defaultPermissions(input.role),
      createdAt: now,
      updatedAt: now,
    });
    const [[row]] = await auditedBatch(writerOf(c), [{ statement, audit }], now);
    return c.json({ data: toUser(decodeUser(row!)) }, 201);
  } catch (err) {
    throw userConflict(err) ?? err;
  }
};

export const getByAuthId: AppRouteHandler<GetByAuthIdRoute> = async (c) => {
  const row = await findUserByAuthId(c.var.db, c.req.valid("param").betterAuthUserId);
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};

export const listByOrganization: AppRouteHandler<ListByOrganizationRoute> = async (c) => {
  const { organizationId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  const after = decodeKeyCursor(cursor);
  const rows = await listUsersInOrganization(c.var.db, organizationId, { after, limit: limit + 1 });
  const { data, pagination } = keysetPage(rows, limit, (row) => [row.id]);
  return jsonListResponse<UserPage>(
    c,
    data.map((row) => row.document),
    pagination,
  );
};

/** Another tenant's user is simply not found: the answer is the same as for an unknown id. */
export const get: AppRouteHandler<GetRoute> = async (c) => {
  const row = await findUserInOrganization(c.var.db, c.req.valid("param").id, c.var.tenantId!);
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const organizationId = c.var.tenantId!;
  const target = await findUserInOrganization(c.var.db, id, organizationId);
  if (!target) throw notFound("User");
  const principal = c.var.principal;
  assertCanManage(principal, target);
  const protectLastOwner = principal?.kind === "user";
  if (!(await softDeleteUser(writerOf(c), id, { organizationId, protectLastOwner }))) {
    if (!(await findUserInOrganization(c.var.db, id, organizationId))) throw notFound("User");
    throw new ApiError("CONFLICT", "The organization's last owner cannot be removed");
  }
  return c.body(null, 204);
};
