import { and, asc, eq, isNull, lt, ne, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { type OrganizationDomainRow, organization, organizationDomain } from "../db/schema";

export type DomainFailure = "nxdomain" | "no_txt_record" | "token_mismatch";

const one = (organizationId: string, domain: string) =>
  and(eq(organizationDomain.organizationId, organizationId), eq(organizationDomain.domain, domain));

export async function findDomain(
  db: Db,
  organizationId: string,
  domain: string,
): Promise<OrganizationDomainRow | null> {
  const [row] = await db.select().from(organizationDomain).where(one(organizationId, domain)).limit(1);
  return row ?? null;
}

/** The organization (another, or this one) that holds `domain` verified, if any. */
export async function verifiedOwner(db: Db, domain: string): Promise<string | null> {
  const [row] = await db
    .select({ organizationId: organizationDomain.organizationId })
    .from(organizationDomain)
    .where(and(eq(organizationDomain.domain, domain), eq(organizationDomain.state, "verified")))
    .limit(1);
  return row?.organizationId ?? null;
}

/** Marks a domain verified; the partial unique index refuses it while another org holds it verified. */
export const markVerifiedStatement = (db: Db, organizationId: string, domain: string, now: number) =>
  db
    .update(organizationDomain)
    .set({
      state: "verified",
      verifiedAt: now,
      lastCheckedAt: now,
      failureReason: null,
      consecutiveMisses: 0,
      updatedAt: now,
    })
    .where(and(one(organizationId, domain), ne(organizationDomain.state, "verified")))
    .returning();

/** A failed check of a domain that is not verified (a verified one is re-checked by the job). */
export const markFailedStatement = (
  db: Db,
  organizationId: string,
  domain: string,
  reason: DomainFailure,
  now: number,
) =>
  db
    .update(organizationDomain)
    .set({ state: "failed", failureReason: reason, lastCheckedAt: now, updatedAt: now })
    .where(and(one(organizationId, domain), ne(organizationDomain.state, "verified")))
    .returning();

/** Verified domains of live organizations whose last check is older than `before`, oldest first. */
export const dueForRecheck = (db: Db, before: number, limit: number) =>
  db
    .select({
      organizationId: organizationDomain.organizationId,
      domain: organizationDomain.domain,
      verificationToken: organizationDomain.verificationToken,
      consecutiveMisses: organizationDomain.consecutiveMisses,
      lastCheckedAt: organizationDomain.lastCheckedAt,
    })
    .from(organizationDomain)
    .where(
      and(
        eq(organizationDomain.state, "verified"),
        or(isNull(organizationDomain.lastCheckedAt), lt(organizationDomain.lastCheckedAt, before)),
      ),
    )
    .orderBy(asc(organizationDomain.lastCheckedAt))
    .limit(limit);

export type RecheckRow = Pick<
  OrganizationDomainRow,
  "organizationId" | "domain" | "verificationToken" | "consecutiveMisses" | "lastCheckedAt"
>;

/**
 * A re-check's result, applied only while the row is still the verified one the job read (same
 * check time and misses), so an overlapping run or an admin's change is never overwritten. A hit
 * resets the misses; a miss adds one; a lapse (the last allowed miss) sends the domain back to
 * pending with auto-join off.
 */
export const recheckStatement = (db: Db, row: RecheckRow, outcome: "hit" | "miss" | "lapse", now: number) =>
  db
    .update(organizationDomain)
    .set(
      outcome === "hit"
        ? { consecutiveMisses: 0, lastCheckedAt: now }
        : outcome === "miss"
          ? { consecutiveMisses: row.consecutiveMisses + 1, lastCheckedAt: now }
          : {
              state: "pending",
              autoJoin: false,
              verifiedAt: null,
              consecutiveMisses: 0,
              lastCheckedAt: now,
              updatedAt: now,
            },
    )
    .where(
      and(
        one(row.organizationId, row.domain),
        eq(organizationDomain.state, "verified"),
        eq(organizationDomain.consecutiveMisses, row.consecutiveMisses),
        row.lastCheckedAt === null
          ? isNull(organizationDomain.lastCheckedAt)
          : eq(organizationDomain.lastCheckedAt, row.lastCheckedAt),
      ),
    )
    .returning({ domain: organizationDomain.domain });

/** The live organization that verified `domain` with auto-join on. */
export async function autoJoinOrganization(db: Db, domain: string) {
  const [row] = await db
    .select({ organization })
    .from(organizationDomain)
    .innerJoin(organization, eq(organization.id, organizationDomain.organizationId))
    .where(
      and(
        eq(organizationDomain.domain, domain),
        eq(organizationDomain.state, "verified"),
        eq(organizationDomain.autoJoin, true),
        isNull(organization.deletedAt),
      ),
    )
    .limit(1);
  return row?.organization ?? null;
}
