import type { OrgServiceClient } from "@svc/contracts";
import { type Actor, auditedBatch } from "../../core/audit";
import {
  attachOrganizationQuery,
  decodeUser,
  findUserByAuthId,
  insertUserQuery,
  type UserRecord,
  userConflict,
  userEntry,
} from "../../core/users";
import type { Db } from "../../db/client";
import { defaultPermissions } from "../../lib/permissions";
import { deleteLeaseQuery, releaseLease, removeReservedUserQuery } from "./sync.repository";
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
 * Runs under the sync lease. Order: the user row is written first, without an organization, so a
 * sync that loses on the email learns it before it has made anything it would have to undo (ten
 * racing sign-ups of one email make one org, not ten). Then the personal org is created, and the
 * org link and the lease removal are written in one batch. A failed org call removes the row this
 * attempt reserved; a failed write after the org exists deletes that org again (compensation,
 * which the org service's delete limit never refuses: it counts per target org).
 */
export async function provision(
  provisioner: Provisioner,
  input: SyncUser,
  reservedId: string,
): Promise<{ user: UserRecord; created: boolean }> {
  const { db } = provisioner;
  const { betterAuthUserId } = input;
  const email = input.email.toLowerCase();
  const found = await findUserByAuthId(db, betterAuthUserId);
  if (found?.organizationId) {
    await deleteLeaseQuery(db, betterAuthUserId);
    return { user: found, created: false };
  }
  const now = Date.now();
  const owner = { role: "owner" as const, permissions: defaultPermissions("owner"), updatedAt: now };
  const current =
    found ??
    (await insertUserQuery(db, {
      ...owner,
      id: reservedId,
      organizationId: null,
      betterAuthUserId,
      email,
      name: input.name,
      createdAt: now,
    })
      .then(([row]) => decodeUser(row!))
      .catch(async (err: unknown) => {
        await releaseLease(db, betterAuthUserId);
        throw userConflict(err) ?? err;
      }));
  const created = !found;
  /** Leaves nothing of this attempt: the reserved row (still without an org) and the lease. */
  const abandon = async () => {
    if (created) await removeReservedUserQuery(db, current.id);
    await releaseLease(db, betterAuthUserId);
  };

  const org = await provisioner.orgs
    .createPersonalOrganization({ name: workspaceName(input.name, email), creatorId: current.id })
    .catch(async (err: unknown) => {
      await abandon();
      throw err;
    });

  try {
    const entry = userEntry(org.id, current.id, created ? "user.create" : "user.membership.join", {
      role: "owner",
      reason: "personal_organization",
    });
    const [rows] = await auditedBatch(
      { db, actor: provisioner.actor, requestId: provisioner.requestId },
      [
        {
          statement: attachOrganizationQuery(db, current.id, { ...owner, organizationId: org.id }),
          audit: [entry],
        },
        { statement: deleteLeaseQuery(db, betterAuthUserId) },
      ],
      now,
    );
    const row = rows[0];
    if (row) return { user: decodeUser(row), created };
  } catch (err) {
    await discardOrganization(provisioner, org.id);
    await abandon();
    throw userConflict(err) ?? err;
  }
  // The user was moved into an organization while ours was being made: ours is not needed.
  await discardOrganization(provisioner, org.id);
  return { user: (await findUserByAuthId(db, betterAuthUserId)) ?? current, created: false };
}

async function discardOrganization({ orgs, logError }: Provisioner, organizationId: string) {
  try {
    await orgs.deleteOrganization(organizationId);
  } catch (err) {
    // The org service's periodic sweep removes a memberless personal org this leaves behind.
    logError(new Error(`Could not delete personal organization ${organizationId}`, { cause: err }));
  }
}
