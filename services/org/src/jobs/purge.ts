import type { User } from "@svc/contracts";
import { ApiError, logJob, sha256Hex, uuidv7 } from "@svc/platform";
import { batchWrite } from "../core/batch";
import { auditRetentionMs, findOrganizationAnyState, restoreWindowMs } from "../core/lifecycle";
import { liveOrgs, undeleteStatement } from "../core/organizations.repository";
import { discardOrganization, insertOrganization } from "../core/organizations.writes";
import { purgeAuditEntries, purgeableOrganizations, purgeWrites } from "../core/purge";
import { systemWriter, type Writer } from "../core/writer";
import { createDb } from "../db/client";
import { userService } from "../lib/user-service";

/** Bounds per run (every 15 minutes): D1 calls, R2 deletes and user-service calls stay small. */
const ORGS_PER_RUN = 5;
const MEMBERS_PER_ORG = 25;
const R2_KEYS_PER_ORG = 1000;
const AUDIT_ENTRIES_PER_RUN = 500;

/** Where an organization keeps objects in R2 (see the logo upload routes). */
export const r2Prefixes = (organizationId: string) => [`logos/${organizationId}/`];

type Users = ReturnType<typeof userService>;
type Counts = Record<
  | "orgsPurged"
  | "orgsPending"
  | "orgsFailed"
  | "usersRehomed"
  | "r2ObjectsDeleted"
  | "auditEntriesPurged"
  | "userAuditEntriesPurged",
  number
>;

/**
 * A deterministic id for the personal org a purge gives `userId`: a run that created it but
 * failed to move the user finds it again instead of leaving an orphan. (A UUID of version 8.)
 */
async function rehomeId(purgedId: string, userId: string) {
  const hex = (await sha256Hex(`rehome:${purgedId}:${userId}`)).slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const workspaceName = (user: User) =>
  `${(user.name || user.email.split("@")[0] || user.email).slice(0, 200)}'s workspace`;

/** Gives one attached user a fresh personal org and moves them there (the user service moves). */
async function rehome(writer: Writer, users: Users, purgedId: string, user: User): Promise<void> {
  const id = await rehomeId(purgedId, user.id);
  const found = await findOrganizationAnyState(writer.db, id);
  if (!found) {
    await insertOrganization(writer, {
      id,
      name: workspaceName(user),
      kind: "personal",
      status: "active",
      creatorId: user.id,
    });
  } else if (found.deletedAt !== null) {
    // A run that made it but failed to move the user left it memberless, and the memberless-org
    // sweep retired it meanwhile: it is live again before the user moves in.
    await batchWrite(writer, [
      {
        statement: undeleteStatement(writer.db, id, found.deletedAt),
        audit: {
          organizationId: id,
          action: "organization.restore",
          resourceType: "organization",
          resourceId: id,
          metadata: { reason: "purge_rehome" },
        },
        counter: liveOrgs(1),
      },
    ]);
  }
  try {
    const moved = await users.moveMembership(user.id, {
      organizationId: id,
      role: "owner",
      fromOrganizationId: purgedId,
    });
    if (moved) return;
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "CONFLICT")) throw err;
  }
  // The user left (or was removed) meanwhile: the personal org made for them is not needed.
  await discardOrganization(writer, id);
}

/**
 * Purges one organization, each step idempotent so a run that stopped anywhere is finished by
 * the next: attached users are moved out first (a bounded page per run), then its R2 objects,
 * then every row in one D1 batch. False while work remains for a later run.
 */
async function purgeOne(
  env: OrgEnv,
  writer: Writer,
  users: Users,
  id: string,
  deletedBefore: number,
  counts: Counts,
) {
  const page = await users.listByOrganization(id, { limit: MEMBERS_PER_ORG });
  for (const user of page.data) {
    await rehome(writer, users, id, user);
    counts.usersRehomed++;
  }
  if (page.pagination.hasMore) return false;
  for (const prefix of r2Prefixes(id)) {
    const listed = await env.R2_BUCKET.list({ prefix, limit: R2_KEYS_PER_ORG });
    const keys = listed.objects.map((o) => o.key);
    if (keys.length > 0) await env.R2_BUCKET.delete(keys);
    counts.r2ObjectsDeleted += keys.length;
    if (listed.truncated) return false;
  }
  await batchWrite(writer, purgeWrites(writer.db, id, deletedBefore));
  return true;
}

/**
 * The purge job: organizations deleted longer ago than RESTORE_WINDOW_DAYS are removed for good
 * (their slug becomes free), and audit entries older than AUDIT_RETENTION_DAYS are deleted in both
 * services. One org's failure is counted and retried next run; it does not stop the others.
 */
export async function purgeDeleted(env: OrgEnv, now: number): Promise<Counts> {
  const db = createDb(env.DB);
  const requestId = uuidv7(now);
  const writer = systemWriter(db, "job", requestId);
  const users = userService({ env, requestId });
  const counts: Counts = {
    orgsPurged: 0,
    orgsPending: 0,
    orgsFailed: 0,
    usersRehomed: 0,
    r2ObjectsDeleted: 0,
    auditEntriesPurged: 0,
    userAuditEntriesPurged: 0,
  };
  const deletedBefore = now - restoreWindowMs(env);
  for (const { id } of await purgeableOrganizations(db, deletedBefore, ORGS_PER_RUN)) {
    try {
      if (await purgeOne(env, writer, users, id, deletedBefore, counts)) counts.orgsPurged++;
      else counts.orgsPending++;
    } catch (error) {
      counts.orgsFailed++;
      logJob("org-service", "purge", { error });
    }
  }
  const before = now - auditRetentionMs(env);
  counts.auditEntriesPurged = await purgeAuditEntries(db, before, AUDIT_ENTRIES_PER_RUN);
  counts.userAuditEntriesPurged = await users.purgeAudit({ before, limit: AUDIT_ENTRIES_PER_RUN });
  return counts;
}
