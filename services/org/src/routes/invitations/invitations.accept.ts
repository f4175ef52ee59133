import type { User } from "@svc/contracts";
import { ApiError, notFound, type Principal } from "@svc/platform";
import type { Context } from "hono";
import { batchWrite } from "../../core/batch";
import { invitationTokenHash } from "../../core/invitations.tokens";
import { toOrganization } from "../../core/organizations.dto";
import { findOrganization, liveOrgs, undeleteStatement } from "../../core/organizations.repository";
import type { Db } from "../../db/client";
import type { InvitationRow, OrganizationRow } from "../../db/schema";
import { evictPrincipal } from "../../lib/access";
import { writerOf } from "../../lib/actor";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { statusAt } from "./invitations.dto";
import {
  claimStatement,
  findInvitation,
  findInvitationByTokenHash,
  retireForClaimStatement,
  unclaimStatement,
} from "./invitations.repository";
import type { AcceptRoute, LookupRoute } from "./invitations.routes";

/** The invitation a token names, with its live organization; a rotated token names nothing. */
async function byToken(c: Context<OrgAppEnv>, token: string) {
  const db = c.var.db;
  const row = await findInvitationByTokenHash(db, await invitationTokenHash(token));
  const org = row && (await findOrganization(db, row.organizationId));
  if (!row || !org) throw notFound("Invitation");
  return { row, org };
}

const alreadyIn = (message: string) => new ApiError("ALREADY_IN_ORGANIZATION", message);

/** Why a pending-or-not invitation cannot be accepted by `me`, or null when it can. */
function refusal(row: InvitationRow, me: User, now: number): ApiError | null {
  if (me.email.toLowerCase() !== row.email) {
    return new ApiError("FORBIDDEN", "This invitation was sent to another email address");
  }
  const status = statusAt(row, now);
  if (status === "accepted") return new ApiError("CONFLICT", "This invitation was already accepted");
  if (status !== "pending") return new ApiError("CONFLICT", `This invitation is ${status}`);
  if (me.organizationId === row.organizationId)
    return alreadyIn("You are already a member of this organization");
  return null;
}

/**
 * Moves the caller into the invitation's organization, the way creating an organization does: only
 * while alone in their personal organization, which is retired in the batch that claims the
 * invitation. The claim is a compare-and-set on the pending row, so of many concurrent accepts one
 * claims and moves; the others find it accepted (by them: the same 200; by anyone else: 409).
 * A failed move gives the claim back and restores the personal organization.
 */
export const accept: AppRouteHandler<AcceptRoute> = async (c) => {
  const caller = (c.get("principal") as Extract<Principal, { kind: "user" }>).user;
  const { row, org } = await byToken(c, c.req.valid("json").token);
  const users = userService(c);
  const me = await users.getByAuthId(caller.betterAuthUserId);
  if (!me) throw new ApiError("UNAUTHORIZED", "Your user no longer exists");
  const ok = () => c.json({ data: toOrganization(org) }, 200);
  const accepted = (r: InvitationRow | null) => r?.status === "accepted" && r.acceptedBy === me.id;
  if (accepted(row) && me.email.toLowerCase() === row.email) return ok();
  const refused = refusal(row, me, Date.now());
  if (refused) throw refused;

  const db = c.var.db;
  const personal = me.organizationId ? await findOrganization(db, me.organizationId) : null;
  if (personal?.kind !== "personal") {
    throw alreadyIn("You already belong to an organization; leave it before accepting an invitation");
  }
  const members = await users.listByOrganization(personal.id, { limit: 2 });
  if (members.data.length > 1) {
    throw alreadyIn("Your personal organization has other members; you cannot leave it");
  }

  const writer = writerOf(c);
  const now = Date.now();
  const [claimed, retired] = await batchWrite(
    writer,
    [
      {
        statement: claimStatement(db, row.id, me.id, now),
        audit: {
          organizationId: org.id,
          action: "invitation.accept",
          resourceType: "invitation",
          resourceId: row.id,
          metadata: { role: row.role },
        },
      },
      retireWrite(personal, row.id, me.id, now, db),
    ],
    now,
  );
  if (claimed.length === 0) {
    if (accepted(await findInvitation(db, row.organizationId, row.id))) return ok();
    throw new ApiError("CONFLICT", "This invitation was accepted, revoked or resent meanwhile");
  }

  const undo = (reason: string) =>
    batchWrite(writer, [
      {
        statement: unclaimStatement(db, row.id, me.id, now),
        audit: {
          organizationId: org.id,
          action: "invitation.accept_undone",
          resourceType: "invitation",
          resourceId: row.id,
          metadata: { reason },
        },
      },
      {
        statement: undeleteStatement(db, personal.id, now),
        audit: {
          organizationId: personal.id,
          action: "organization.restore",
          resourceType: "organization",
          resourceId: personal.id,
          metadata: { reason },
        },
        counter: liveOrgs(1),
      },
    ]);

  if (retired.length === 0) {
    await undo("personal_org_gone");
    throw alreadyIn("You have already moved to another organization");
  }
  let moved: User | null;
  try {
    moved = await users.moveMembership(me.id, {
      organizationId: org.id,
      role: row.role,
      fromOrganizationId: personal.id,
    });
  } catch (err) {
    await undo("move_failed");
    if (err instanceof ApiError && err.code === "CONFLICT") {
      throw alreadyIn("You have already moved to another organization");
    }
    throw new ApiError("SERVICE_UNAVAILABLE", "The user service could not move you into the organization", {
      cause: err,
    });
  }
  if (!moved) {
    await undo("user_missing");
    throw new ApiError("SERVICE_UNAVAILABLE", "The user service no longer knows your user");
  }
  evictPrincipal(caller.betterAuthUserId);
  return ok();
};

const retireWrite = (
  personal: OrganizationRow,
  invitationId: string,
  userId: string,
  now: number,
  db: Db,
) => ({
  statement: retireForClaimStatement(db, personal.id, invitationId, userId, now),
  audit: {
    organizationId: personal.id,
    action: "organization.delete",
    resourceType: "organization",
    resourceId: personal.id,
    metadata: { reason: "invitation_accepted" },
  },
  counter: liveOrgs(-1),
});

export const lookup: AppRouteHandler<LookupRoute> = async (c) => {
  const { row, org } = await byToken(c, c.req.valid("json").token);
  const inviter = row.invitedBy ? await userService(c).get(row.invitedBy, org.id) : null;
  return c.json(
    {
      data: {
        organization: { name: org.name, slug: org.slug, logoUrl: org.logoUrl },
        inviterName: inviter?.name || null,
        role: row.role,
        expiresAt: new Date(row.expiresAt).toISOString(),
        status: statusAt(row, Date.now()),
      },
    },
    200,
  );
};
