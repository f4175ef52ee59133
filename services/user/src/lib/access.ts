import { type CallerUser, createGuardedRoute } from "@svc/platform";
import type { Context } from "hono";
import { findUserByAuthId } from "../routes/users/users.repository";
import type { UserAppEnv } from "./types";

/** A JWT's subject is resolved against this service's own table: one indexed lookup. */
async function resolveUser(c: Context<UserAppEnv>, betterAuthUserId: string): Promise<CallerUser | null> {
  const row = await findUserByAuthId(c.var.db, betterAuthUserId);
  if (!row?.organizationId) return null;
  return {
    id: row.id,
    betterAuthUserId: row.betterAuthUserId,
    organizationId: row.organizationId,
    role: row.role,
    permissions: row.permissions,
  };
}

export const guardedRoute = createGuardedRoute<UserAppEnv>({ resolveUser });
