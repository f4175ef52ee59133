import { ApiError, logError } from "@svc/platform";
import type { Context } from "hono";
import {
  attachOrganizationQuery,
  decodeUser,
  findUserByAuthId,
  findUserByEmail,
  insertUserQuery,
  type UserRecord,
  userConflict,
} from "../../core/users";
import { orgService } from "../../lib/org-service";
import { defaultPermissions } from "../../lib/permissions";
import type { UserAppEnv } from "../../lib/types";
import { deleteLeaseQuery, releaseLease } from "./sync.repository";
import type { SyncUser } from "./sync.schemas";

const workspaceName = (name: string, email: string) =>
  `${(name || email.split("@")[0] || email).slice(0, 200)}'s workspace`;

/**
 * Runs under the sync lease. Order: the personal org is created first, then the user row (or its
 * org link) and the lease removal are written in one batch, so a failed org call leaves nothing
 * behind; a failed write after the org exists deletes that org again (compensation).
 */
export async function provision(
  c: Context<UserAppEnv>,
  input: SyncUser,
  reservedId: string,
): Promise<{ user: UserRecord; created: boolean }> {
  const db = c.var.db;
  const { betterAuthUserId } = input;
  const email = input.email.toLowerCase();
  const current = await findUserByAuthId(db, betterAuthUserId);
  if (current?.organizationId) {
    await deleteLeaseQuery(db, betterAuthUserId);
    return { user: current, created: false };
  }
  if (!current && (await findUserByEmail(db, email))) {
    await releaseLease(db, betterAuthUserId);
    throw new ApiError("CONFLICT", "A user with this email exists");
  }
  const userId = current?.id ?? reservedId;
  const org = await orgService(c)
    .createPersonalOrganization({ name: workspaceName(input.name, email), creatorId: userId })
    .catch(async (err: unknown) => {
      await releaseLease(db, betterAuthUserId);
      throw err;
    });

  const now = Date.now();
  const owner = {
    organizationId: org.id,
    role: "owner" as const,
    permissions: defaultPermissions("owner"),
    updatedAt: now,
  };
  try {
    const write = current
      ? attachOrganizationQuery(db, current.id, owner)
      : insertUserQuery(db, {
          ...owner,
          id: userId,
          betterAuthUserId,
          email,
          name: input.name,
          createdAt: now,
        });
    const [rows] = await db.batch([write, deleteLeaseQuery(db, betterAuthUserId)]);
    const row = rows[0];
    if (row) return { user: decodeUser(row), created: !current };
  } catch (err) {
    await discardOrganization(c, org.id);
    await releaseLease(db, betterAuthUserId);
    throw userConflict(err) ?? err;
  }
  // The user was moved into an organization while ours was being made: ours is not needed.
  await discardOrganization(c, org.id);
  return { user: (await findUserByAuthId(db, betterAuthUserId)) ?? current!, created: false };
}

async function discardOrganization(c: Context<UserAppEnv>, organizationId: string) {
  try {
    await orgService(c).deleteOrganization(organizationId);
  } catch (err) {
    // Compensation is best effort; the log line names the orphan for cleanup.
    logError(c, new Error(`Could not delete personal organization ${organizationId}`, { cause: err }));
  }
}
