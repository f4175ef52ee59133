import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organization } from "../../db/schema";

/** Links a Stripe customer to an organization that has none: a concurrent link keeps the first. */
export const linkCustomerStatement = (db: Db, id: string, customerId: string, now: number) =>
  db
    .update(organization)
    .set({ stripeCustomerId: customerId, updatedAt: now, version: sql`${organization.version} + 1` })
    .where(
      and(eq(organization.id, id), isNull(organization.deletedAt), isNull(organization.stripeCustomerId)),
    )
    .returning({ id: organization.id });
