import { ApiError, decodeCursor, keysetPage, notFound, uniqueViolation, uuidv7 } from "@svc/platform";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler } from "../../lib/types";
import { toUser } from "./users.dto";
import { findUser, findUserByAuthId, insertUser, listUsersInOrganization } from "./users.repository";
import type { CreateRoute, GetByAuthIdRoute, GetRoute, ListByOrganizationRoute } from "./users.routes";

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const input = c.req.valid("json");
  const now = Date.now();
  try {
    const row = await insertUser(c.var.db, {
      id: uuidv7(now),
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
    return c.json({ data: toUser(row) }, 201);
  } catch (err) {
    const columns = uniqueViolation(err);
    if (columns?.includes("email")) throw new ApiError("CONFLICT", "A user with this email exists");
    if (columns?.includes("better_auth_user_id"))
      throw new ApiError("CONFLICT", "A user with this betterAuthUserId exists");
    throw err;
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
  const after = cursor ? String(decodeCursor(cursor, ["string"])[0]) : undefined;
  const rows = await listUsersInOrganization(c.var.db, organizationId, { after, limit: limit + 1 });
  const page = keysetPage(rows.map(toUser), limit, (u) => [u.id]);
  return c.json(page, 200);
};

/** Another tenant's user is simply not found: the answer is the same as for an unknown id. */
export const get: AppRouteHandler<GetRoute> = async (c) => {
  const row = await findUser(c.var.db, c.req.valid("param").id);
  if (!row || row.organizationId !== c.var.tenantId) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};
