import type { OrgServiceClient } from "@svc/contracts";
import { ApiError } from "@svc/platform";
import { type Actor, auditedBatch } from "../../core/audit";
import {
  attachOrganizationQuery,
  decodeUser,
  findUserByAuthId,
  findUserByEmail,
  insertUserQuery,
  type UserRecord,
  userConflict,
  userEntry,
} from "../../core/users";
import type { Db } from "../../db/client";
import { defaultPermissions } from "../../lib/permissions";
import { deleteLeaseQuery, releaseLease } from "./sync.repository";
import type { SyncUser } from "./sync.schemas";

const workspaceName = (name: string, email: string) =>
  `${(name || email.split("@")[0] || email).slice(0, 200)}'s workspace`;

/** What provisioning uses, without Hono's context: a queue consumer or a job can pass its own. */
export interface Provisioner {
  db: Db;
  actor: Actor;
  requestId: string;
  orgs: OrgServiceClient;
  /** Reports a compensation that failed (the orphaned org stays behind). */
  logError: (err: unknown) => void;
}

/**
 * Runs under the sync lease. Order: the personal org is created first, then the user row (or its
 * org link) and the lease removal are written in one batch, so a failed org call leaves nothing
 * behind; a failed write after the org exists deletes that org again (compensation).
 */
export async function provision(
  provisioner: Provisioner,
  input: SyncUser,
  reservedId: string,
): Promise<{ user: UserRecord; created: boolean }> {
  const { db } = provisioner;
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
  const org = await provisioner.orgs
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
    const entry = userEntry(org.id, userId, current ? "user.membership.join" : "user.create", {
      role: "owner",
      reason: "personal_organization",
    });
    const [rows] = await auditedBatch(
      { db, actor: provisioner.actor, requestId: provisioner.requestId },
      [{ statement: write, audit: [entry] }, { statement: deleteLeaseQuery(db, betterAuthUserId) }],
      now,
    );
    const row = rows[0];
    if (row) return { user: decodeUser(row), created: !current };
  } catch (err) {
    await discardOrganization(provisioner, org.id);
    await releaseLease(db, betterAuthUserId);
    throw userConflict(err) ?? err;
  }
  // The user was moved into an organization while ours was being made: ours is not needed.
  await discardOrganization(provisioner, org.id);
  return { user: (await findUserByAuthId(db, betterAuthUserId)) ?? current!, created: false };
}

async function discardOrganization({ orgs, logError }: Provisioner, organizationId: string) {
  try {
    await orgs.deleteOrganization(organizationId);
  } catch (err) {
    // Compensation is best effort; the log line names the orphan for cleanup.
    logError(new Error(`Could not delete personal organization ${organizationId}`, { cause: err }));
  }
}
