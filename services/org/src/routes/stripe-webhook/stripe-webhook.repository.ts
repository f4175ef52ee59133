import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organization } from "../../db/schema";

/** The live organization linked to a Stripe customer, if any. */
export async function findIdByStripeCustomer(db: Db, customerId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(and(eq(organization.stripeCustomerId, customerId), isNull(organization.deletedAt)))
    .limit(1);
  return row?.id ?? null;
}
