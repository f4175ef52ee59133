import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizationDomain } from "../../db/schema";

const one = (organizationId: string, domain: string) =>
  and(eq(organizationDomain.organizationId, organizationId), eq(organizationDomain.domain, domain));

export const listDomains = (db: Db, organizationId: string) =>
  db
    .select()
    .from(organizationDomain)
    .where(eq(organizationDomain.organizationId, organizationId))
    .orderBy(asc(organizationDomain.domain));

/** Which of `domains` an organization other than `organizationId` holds verified. */
export const verifiedElsewhere = async (db: Db, organizationId: string, domains: string[]) =>
  domains.length === 0
    ? []
    : (
        await db
          .select({ domain: organizationDomain.domain })
          .from(organizationDomain)
          .where(
            and(
              inArray(organizationDomain.domain, domains),
              eq(organizationDomain.state, "verified"),
              ne(organizationDomain.organizationId, organizationId),
            ),
          )
      ).map((r) => r.domain);

export const insertDomainStatement = (
  db: Db,
  values: { organizationId: string; domain: string; verificationToken: string },
  now: number,
) =>
  db
    .insert(organizationDomain)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ domain: organizationDomain.domain });

export const deleteDomainStatement = (db: Db, organizationId: string, domain: string) =>
  db
    .delete(organizationDomain)
    .where(one(organizationId, domain))
    .returning({ domain: organizationDomain.domain });

/** Auto-join can be switched on only while the domain is verified; off always. */
export const setAutoJoinStatement = (
  db: Db,
  organizationId: string,
  domain: string,
  autoJoin: boolean,
  now: number,
) =>
  db
    .update(organizationDomain)
    .set({ autoJoin, updatedAt: now })
    .where(and(one(organizationId, domain), autoJoin ? eq(organizationDomain.state, "verified") : undefined))
    .returning();

/** Counts a join, only while the domain is verified with auto-join on (its audit entry follows). */
export const countJoinStatement = (db: Db, organizationId: string, domain: string) =>
  db
    .update(organizationDomain)
    .set({ autoJoins: sql`${organizationDomain.autoJoins} + 1` })
    .where(
      and(
        one(organizationId, domain),
        eq(organizationDomain.state, "verified"),
        eq(organizationDomain.autoJoin, true),
      ),
    )
    .returning({ domain: organizationDomain.domain });
