import { uniqueViolation } from "@svc/platform";
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { type OrganizationRow, organization, stripeEvent } from "../db/schema";
import { batchWrite } from "./batch";
import type { BillingChange } from "./billing.events";
import type { Writer } from "./writer";

type Status = OrganizationRow["subscriptionStatus"];

/** A tier change that leaves an enterprise organization (set by a service principal) enterprise. */
const tierUnlessEnterprise = (tier: "free" | "business") =>
  sql`case when ${organization.subscriptionTier} = 'enterprise' then 'enterprise' else ${tier} end`;

/** The columns a status sets: paying makes the team business; canceled drops the tier, never the kind. */
function statusColumns(status: Status, eventAt: number) {
  if (status === "past_due") {
    return {
      subscriptionStatus: status,
      pastDueSince: sql`coalesce(${organization.pastDueSince}, ${eventAt})`,
    };
  }
  if (status === "canceled" || status === "none") {
    return { subscriptionStatus: status, subscriptionTier: tierUnlessEnterprise("free"), pastDueSince: null };
  }
  return {
    subscriptionStatus: status,
    kind: "business" as const,
    subscriptionTier: tierUnlessEnterprise("business"),
    pastDueSince: null,
  };
}

export interface StripeEventRef {
  id: string;
  type: string;
  /** Stripe's `created`, in epoch milliseconds. */
  at: number;
}

export type Outcome = "applied" | "unchanged" | "duplicate" | "unknown_organization" | "ignored";

/**
 * The update one event makes. Conditional in SQL: only a live organization, only when no newer
 * event was applied before (Stripe does not deliver in order), and only from the statuses the
 * change allows.
 */
function billingUpdate(
  db: Db,
  organizationId: string,
  change: BillingChange,
  event: StripeEventRef,
  now: number,
) {
  return db
    .update(organization)
    .set({
      ...(change.status ? statusColumns(change.status, event.at) : {}),
      // An enterprise organization's seats are set by hand, like its tier.
      ...(change.seats !== null
        ? {
            seats: sql`case when ${organization.subscriptionTier} = 'enterprise' then ${organization.seats} else ${change.seats} end`,
          }
        : {}),
      // The first customer stays; one already linked to another organization is not taken over.
      ...(change.customerId
        ? {
            stripeCustomerId: sql`coalesce(${organization.stripeCustomerId}, (select ${change.customerId}
              where not exists (select 1 from ${organization} where ${organization.stripeCustomerId} = ${change.customerId})))`,
          }
        : {}),
      ...(change.subscriptionId ? { stripeSubscriptionId: change.subscriptionId } : {}),
      billingEventAt: event.at,
      updatedAt: now,
      version: sql`${organization.version} + 1`,
    })
    .where(
      and(
        eq(organization.id, organizationId),
        isNull(organization.deletedAt),
        or(isNull(organization.billingEventAt), lte(organization.billingEventAt, event.at)),
        change.onlyFrom ? inArray(organization.subscriptionStatus, change.onlyFrom) : undefined,
      ),
    )
    .returning({ id: organization.id });
}

/**
 * Records the event and applies its change in one batch: the event row's primary key makes a
 * replay (even a concurrent one) fail the whole batch, so an event changes the organization once.
 * With no organization the event is still recorded, so its retries are answered without work.
 */
export async function applyStripeEvent(
  writer: Writer,
  event: StripeEventRef,
  organizationId: string | null,
  change: BillingChange,
  now = Date.now(),
): Promise<Outcome> {
  const { db } = writer;
  const record = db
    .insert(stripeEvent)
    .values({ id: event.id, type: event.type, organizationId, processedAt: now });
  try {
    if (!organizationId) {
      await record;
      return "unknown_organization";
    }
    const [, rows] = await batchWrite(
      writer,
      [
        { statement: record },
        {
          statement: billingUpdate(db, organizationId, change, event, now),
          audit: {
            organizationId,
            action: "organization.billing",
            resourceType: "organization",
            resourceId: organizationId,
            metadata: {
              eventId: event.id,
              eventType: event.type,
              status: change.status,
              seats: change.seats,
            },
          },
        },
      ],
      now,
    );
    return rows.length > 0 ? "applied" : "unchanged";
  } catch (err) {
    if (uniqueViolation(err) === "stripe_event.id") return "duplicate";
    throw err;
  }
}
