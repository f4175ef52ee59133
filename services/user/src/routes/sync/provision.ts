import type { AutoJoinTarget, OrgServiceClient } from "@svc/contracts";
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
import {
  deleteLeaseQuery,
  detachJoinedUserQuery,
  joinWithinSeatsQuery,
  releaseLease,
  removeReservedUserQuery,
} from "./sync.repository";
import type { AutoJoinOutcome, SyncUser } from "./sync.schemas";

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
 * which the org service's delete limit never refuses: it counts per target org). A brand-new user
 * whose email domain an organization verified with auto-join on joins that organization instead
 * (`joinByDomain`), between the row and the personal org; when it cannot, the personal org follows.
 */
export async function provision(
  provisioner: Provisioner,
  input: SyncUser,
  reservedId: string,
): Promise<{ user: UserRecord; created: boolean; autoJoin?: AutoJoinOutcome }> {
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

  // Only a brand-new user can auto-join: sync never moves a user who already exists.
  let autoJoin: AutoJoinOutcome | undefined;
  if (created) {
    const target = await provisioner.orgs
      .findAutoJoinOrganization(email.slice(email.lastIndexOf("@") + 1))
      .catch(async (err: unknown) => {
        await abandon();
        throw err;
      });
    if (target) {
      const joined = await joinByDomain(provisioner, current.id, betterAuthUserId, target, abandon);
      const outcome = { organizationId: target.organization.id, domain: target.domain };
      if ("user" in joined) {
        return { user: joined.user, created, autoJoin: { ...outcome, joined: true, reason: null } };
      }
      autoJoin = { ...outcome, joined: false, reason: joined.reason };
    }
  }

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
    if (row) return { user: decodeUser(row), created, ...(autoJoin ? { autoJoin } : {}) };
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

/**
 * Moves the new user's reserved row into the organization that verified their email's domain, as
 * a member. The seat check is part of the same statement (`joinWithinSeatsQuery`), so concurrent
 * joins cannot overshoot the plan's seats, and the row's audit entry lands only if it joined. The
 * org service then records the join in its own audit log, only while the domain still auto-joins;
 * if it will not, the row leaves again (audited) and the caller makes a personal organization; if
 * it cannot be reached, the row leaves and the attempt is abandoned (503), nothing half-made.
 * The lease is held until the join is recorded, so a racing sync of the same identity waits.
 */
async function joinByDomain(
  provisioner: Provisioner,
  userId: string,
  betterAuthUserId: string,
  target: AutoJoinTarget,
  abandon: () => Promise<void>,
): Promise<{ user: UserRecord } | { reason: NonNullable<AutoJoinOutcome["reason"]> }> {
  const { db, orgs } = provisioner;
  const writer = { db, actor: provisioner.actor, requestId: provisioner.requestId };
  const organizationId = target.organization.id;
  const now = Date.now();
  const member = {
    organizationId,
    role: "member" as const,
    permissions: defaultPermissions("member"),
    updatedAt: now,
  };
  const [rows] = await auditedBatch(
    writer,
    [
      {
        statement: joinWithinSeatsQuery(db, userId, member, target.seatLimit),
        audit: [
          userEntry(organizationId, userId, "user.create", {
            role: "member",
            reason: "domain_auto_join",
            domain: target.domain,
          }),
        ],
      },
    ],
    now,
  ).catch(async (err: unknown) => {
    await abandon();
    throw userConflict(err) ?? err;
  });
  const row = rows[0];
  if (!row) return { reason: "seat_limit_reached" };
  const leave = () =>
    auditedBatch(writer, [
      {
        statement: detachJoinedUserQuery(db, userId, organizationId),
        audit: [
          userEntry(organizationId, userId, "user.membership.leave", { reason: "auto_join_not_recorded" }),
        ],
      },
    ]);
  const recorded = await orgs
    .recordAutoJoin(organizationId, target.domain, userId)
    .catch(async (err: unknown) => {
      await leave();
      await abandon();
      throw err;
    });
  if (!recorded) {
    await leave();
    return { reason: "domain_no_longer_auto_joins" };
  }
  await deleteLeaseQuery(db, betterAuthUserId);
  return { user: decodeUser(row) };
}
