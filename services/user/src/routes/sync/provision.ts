import type { AutoJoinTarget, OrgServiceClient } from "@svc/contracts";
import { ApiError } from "@svc/platform";
import {
  attachOrganizationQuery,
  decodeUser,
  findUserByAuthId,
  findUserByEmail,
  insertUserQuery,
  type UserRecord,
  userConflict,
} from "../../core/users";
import type { Db } from "../../db/client";
import type { UserRow } from "../../db/schema";
import { defaultPermissions } from "../../lib/permissions";
import {
  deleteLeaseQuery,
  releaseLease,
  removeJoinedUserQuery,
  undoIfOverSeatsQuery,
} from "./sync.repository";
import type { AutoJoinOutcome, SyncUser } from "./sync.schemas";

const workspaceName = (name: string, email: string) =>
  `${(name || email.split("@")[0] || email).slice(0, 200)}'s workspace`;

/** What provisioning uses, without Hono's context: a queue consumer or a job can pass its own. */
export interface Provisioner {
  db: Db;
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
): Promise<{ user: UserRecord; created: boolean; autoJoin?: AutoJoinOutcome }> {
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
  // Only a brand-new user can auto-join: sync never moves a user who already exists.
  let autoJoin: AutoJoinOutcome | undefined;
  if (!current) {
    const target = await provisioner.orgs
      .findAutoJoinOrganization(email.slice(email.lastIndexOf("@") + 1))
      .catch(async (err: unknown) => {
        await releaseLease(db, betterAuthUserId);
        throw err;
      });
    if (target) {
      const joined = await joinByDomain(provisioner, input, email, userId, target);
      const outcome = { organizationId: target.organization.id, domain: target.domain };
      if ("user" in joined)
        return { ...joined, created: true, autoJoin: { ...outcome, joined: true, reason: null } };
      autoJoin = { ...outcome, joined: false, reason: joined.reason };
    }
  }
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
    const [rows] = await db.batch([write, deleteLeaseQuery(db, betterAuthUserId)]);
    const row = rows[0];
    if (row) return { user: decodeUser(row), created: !current, ...(autoJoin ? { autoJoin } : {}) };
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

/**
 * Adds a new user to the organization that verified their email's domain, as a member. The seat
 * check sits in the same batch as the insert (see `undoIfOverSeatsQuery`); the org service then
 * records the join in its audit log, and only while the domain still auto-joins. If it will not,
 * the row is removed again and the caller falls back to a personal organization; if it cannot be
 * reached, the row is removed and the sync fails (503) so nothing is left half-made.
 */
async function joinByDomain(
  { db, orgs }: Provisioner,
  input: SyncUser,
  email: string,
  userId: string,
  target: AutoJoinTarget,
): Promise<{ user: UserRecord } | { reason: NonNullable<AutoJoinOutcome["reason"]> }> {
  const { betterAuthUserId } = input;
  const organizationId = target.organization.id;
  const now = Date.now();
  const insert = insertUserQuery(db, {
    id: userId,
    betterAuthUserId,
    email,
    name: input.name,
    organizationId,
    role: "member",
    permissions: defaultPermissions("member"),
    createdAt: now,
    updatedAt: now,
  });
  let inserted: UserRow[];
  try {
    if (target.seatLimit === null) [inserted] = await db.batch([insert]);
    else {
      const [rows, undone] = await db.batch([
        insert,
        undoIfOverSeatsQuery(db, userId, organizationId, target.seatLimit),
      ]);
      if (undone.length > 0) return { reason: "seat_limit_reached" };
      inserted = rows;
    }
  } catch (err) {
    await releaseLease(db, betterAuthUserId);
    throw userConflict(err) ?? err;
  }
  const recorded = await orgs
    .recordAutoJoin(organizationId, target.domain, userId)
    .catch(async (err: unknown) => {
      await removeJoinedUserQuery(db, userId);
      await releaseLease(db, betterAuthUserId);
      throw err;
    });
  if (!recorded) {
    await removeJoinedUserQuery(db, userId);
    return { reason: "domain_no_longer_auto_joins" };
  }
  await deleteLeaseQuery(db, betterAuthUserId);
  return { user: decodeUser(inserted[0]!) };
}
