import { ApiError, notFound, uniqueViolation, uuidv7 } from "@svc/platform";
import type { Context } from "hono";
import { batchWrite } from "../../core/batch";
import { assertMayInvite, seatLimit } from "../../core/invitations.limits";
import { invitationTokenHash, inviteUrlOf, newInvitationToken } from "../../core/invitations.tokens";
import { findOrganization } from "../../core/organizations.repository";
import type { InvitationRow, OrganizationRow } from "../../db/schema";
import { writerOf } from "../../lib/actor";
import { queueDelivery } from "../../lib/invitation-delivery";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { toInvitation } from "./invitations.dto";
import {
  findInvitation,
  findPendingFor,
  insertInvitationStatement,
  invitationsPage,
  markExpiredStatement,
  revokeStatement,
  rotateStatement,
} from "./invitations.repository";
import type { AddMemberRoute, CreateRoute, ListRoute, ResendRoute, RevokeRoute } from "./invitations.routes";

const DEFAULT_TTL_HOURS = 168;
const MEMBERS_PAGE = 100;

const ttlMs = (env: OrgEnv) => (Number(env.INVITATION_TTL_HOURS) || DEFAULT_TTL_HOURS) * 3_600_000;

async function liveOrganization(c: Context<OrgAppEnv>, id: string) {
  const org = await findOrganization(c.var.db, id);
  if (!org) throw notFound("Organization");
  return org;
}

/** Members counted page by page, stopping once there are more than `atMost`. */
async function countMembers(c: Context<OrgAppEnv>, organizationId: string, atMost: number) {
  const users = userService(c);
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await users.listByOrganization(organizationId, { cursor, limit: MEMBERS_PAGE });
    count += page.data.length;
    cursor = page.pagination.nextCursor ?? undefined;
  } while (cursor && count <= atMost);
  return count;
}

const seatsFull = (limit: number) =>
  new ApiError(
    "FEATURE_NOT_AVAILABLE",
    `All ${limit} seats are taken by members and pending invitations; revoke one or add seats`,
  );

/** The answer to create and resend: the invitation, its link, and the delivery handed to the queue. */
async function issued(
  c: Context<OrgAppEnv>,
  org: OrganizationRow,
  row: InvitationRow,
  token: string,
  type: "invitation.created" | "invitation.resent",
) {
  const inviteUrl = inviteUrlOf(c.env.APP_BASE_URL, org.slug, token);
  const invitation = toInvitation(row);
  await queueDelivery(c, {
    type,
    invitationId: row.id,
    organization: { id: org.id, name: org.name, slug: org.slug },
    email: row.email,
    role: row.role,
    inviteUrl,
    expiresAt: invitation.expiresAt,
    invitedBy: row.invitedBy,
  });
  return { invitation, inviteUrl };
}

export const create: AppRouteHandler<CreateRoute | AddMemberRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const email = body.email.toLowerCase();
  const db = c.var.db;
  const org = await liveOrganization(c, id);
  assertMayInvite(org);
  if ((await userService(c).membersWithEmails(id, [email])).length > 0) {
    throw new ApiError("CONFLICT", "This email already belongs to a member of the organization");
  }
  const now = Date.now();
  const open = await findPendingFor(db, id, email);
  if (open && open.expiresAt > now) {
    throw new ApiError("CONFLICT", "This email already has a pending invitation; resend it instead", {
      details: [{ path: "body.email", message: `Pending invitation ${open.id}` }],
    });
  }
  const limit = seatLimit(org);
  const members = limit === null ? 0 : await countMembers(c, id, limit);
  if (limit !== null && members >= limit) throw seatsFull(limit);

  const writer = writerOf(c);
  const token = newInvitationToken();
  const draft = {
    id: uuidv7(now),
    organizationId: id,
    email,
    role: body.role,
    tokenHash: await invitationTokenHash(token),
    expiresAt: now + ttlMs(c.env),
    invitedBy: writer.actor.type === "user" ? writer.actor.id : null,
    createdAt: now,
    updatedAt: now,
  };
  const audit = (resourceId: string, action: string) => ({
    organizationId: id,
    action,
    resourceType: "invitation",
    resourceId,
  });
  let rows: InvitationRow[];
  try {
    const writes = [
      ...(open
        ? [{ statement: markExpiredStatement(db, open.id, now), audit: audit(open.id, "invitation.expire") }]
        : []),
      {
        statement: insertInvitationStatement(db, draft, { limit, members }),
        audit: { ...audit(draft.id, "invitation.create"), metadata: { role: body.role } },
      },
    ];
    const results = await batchWrite(writer, writes, now);
    rows = results[results.length - 1] as InvitationRow[];
  } catch (err) {
    if (uniqueViolation(err)?.includes("invitation.organization_id")) {
      throw new ApiError("CONFLICT", "This email already has a pending invitation; resend it instead");
    }
    throw err;
  }
  if (rows.length === 0) throw seatsFull(limit!);
  return c.json({ data: await issued(c, org, rows[0]!, token, "invitation.created") }, 201);
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const now = Date.now();
  return c.json(
    await invitationsPage(c.var.db, c.req.valid("param").id, c.req.valid("query"), now, (row) =>
      toInvitation(row, now),
    ),
    200,
  );
};

async function existing(c: Context<OrgAppEnv>, id: string, invId: string) {
  const row = await findInvitation(c.var.db, id, invId);
  if (!row) throw notFound("Invitation");
  return row;
}

const notPending = (row: InvitationRow) =>
  new ApiError(
    "CONFLICT",
    row.status === "pending"
      ? "The invitation was changed by a concurrent request; try again"
      : `The invitation is ${row.status}, not pending`,
  );

export const revoke: AppRouteHandler<RevokeRoute> = async (c) => {
  const { id, invId } = c.req.valid("param");
  const db = c.var.db;
  const now = Date.now();
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: revokeStatement(db, id, invId, now),
        audit: {
          organizationId: id,
          action: "invitation.revoke",
          resourceType: "invitation",
          resourceId: invId,
        },
      },
    ],
    now,
  );
  if (rows.length === 0) throw notPending(await existing(c, id, invId));
  return c.json({ data: toInvitation(rows[0]!, now) }, 200);
};

export const resend: AppRouteHandler<ResendRoute> = async (c) => {
  const { id, invId } = c.req.valid("param");
  const db = c.var.db;
  const org = await liveOrganization(c, id);
  assertMayInvite(org);
  const row = await existing(c, id, invId);
  if (row.status !== "pending") throw notPending(row);
  const now = Date.now();
  const token = newInvitationToken();
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: rotateStatement(
          db,
          row,
          { tokenHash: await invitationTokenHash(token), expiresAt: now + ttlMs(c.env) },
          now,
        ),
        audit: {
          organizationId: id,
          action: "invitation.resend",
          resourceType: "invitation",
          resourceId: invId,
        },
      },
    ],
    now,
  );
  // Revoked, accepted or resent by a concurrent request between the read and the write.
  if (rows.length === 0) throw notPending(await existing(c, id, invId));
  return c.json({ data: await issued(c, org, rows[0]!, token, "invitation.resent") }, 200);
};
