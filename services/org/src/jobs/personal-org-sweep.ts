import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import { softDeleteOrganization } from "../core/organizations.writes";
import { systemWriter } from "../core/writer";
import { createDb } from "../db/client";
import { organization } from "../db/schema";
import { userService } from "../lib/user-service";

/** Long enough for any sync to have linked its user (the user service's lease is 15 s). */
export const SWEEP_GRACE_MS = 5 * 60_000;
/** Two 15-minute ticks see each org: one failed check (the user service down) is retried. */
export const SWEEP_WINDOW_MS = 35 * 60_000;
/** One user-service call per candidate: bounded per run. */
const MAX_PER_RUN = 50;

/**
 * A personal org holds its one member. One left without any (a sync whose compensation failed, a
 * worker that died mid-flow) is soft-deleted, with an audit entry naming the sweep. Candidates are
 * personal orgs born in the window before the grace period; orgs emptied later are retired by the
 * flow that moved their member out.
 */
export async function sweepMemberlessPersonalOrgs(env: OrgEnv, now: number): Promise<Record<string, number>> {
  const db = createDb(env.DB);
  const candidates = await db
    .select({ id: organization.id })
    .from(organization)
    .where(
      and(
        eq(organization.kind, "personal"),
        isNull(organization.deletedAt),
        gt(organization.createdAt, now - SWEEP_WINDOW_MS),
        lte(organization.createdAt, now - SWEEP_GRACE_MS),
      ),
    )
    .orderBy(asc(organization.createdAt))
    .limit(MAX_PER_RUN);
  const requestId = `job-personal-org-sweep-${now}`;
  const users = userService({ env, requestId });
  const writer = systemWriter(db, "job", requestId);
  let retired = 0;
  let failed = 0;
  for (const { id } of candidates) {
    try {
      const members = await users.listByOrganization(id, { limit: 1 });
      if (members.data.length === 0 && (await softDeleteOrganization(writer, id, { reason: "memberless" }))) {
        retired += 1;
      }
    } catch {
      failed += 1;
    }
  }
  return { checked: candidates.length, retired, failed };
}
