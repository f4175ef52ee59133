import { z } from "zod";
import type { OrganizationRow } from "../db/schema";

/** An id Stripe sends either bare or expanded into its object. */
const StripeId = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .transform((v) => (typeof v === "string" ? v : v.id));
const Metadata = z.record(z.string(), z.string()).nullish();

const Subscription = z
  .object({
    id: z.string(),
    customer: StripeId,
    status: z.string(),
    metadata: Metadata,
    items: z.object({ data: z.array(z.object({ quantity: z.number().int().nullish() }).loose()) }).loose(),
  })
  .loose();
const Session = z
  .object({ customer: StripeId.nullish(), subscription: StripeId.nullish(), metadata: Metadata })
  .loose();
const Invoice = z
  .object({
    customer: StripeId.nullish(),
    parent: z
      .object({
        subscription_details: z
          .object({ subscription: StripeId.nullish(), metadata: Metadata })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

type Status = OrganizationRow["subscriptionStatus"];

/**
 * What one event asks of the organization: how to find it, and the change. `status` null leaves
 * the status alone (a completed checkout only links the customer; the subscription events carry
 * the status). `onlyFrom` makes the change conditional on the current status.
 */
export interface BillingChange {
  organizationId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  status: Status | null;
  seats: number | null;
  onlyFrom?: Status[];
}

const SUBSCRIPTION_EVENTS = new Set([
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
]);
export const HANDLED_EVENTS = [
  ...SUBSCRIPTION_EVENTS,
  "checkout.session.completed",
  "invoice.payment_failed",
];

/**
 * Stripe's subscription statuses in ours. `incomplete` (first payment not yet made) changes
 * nothing; `unpaid` and `incomplete_expired` end the subscription like `canceled`.
 */
function statusOf(stripeStatus: string, deleted: boolean): Status | null {
  if (deleted) return "canceled";
  if (stripeStatus === "active" || stripeStatus === "trialing" || stripeStatus === "paused")
    return stripeStatus;
  if (stripeStatus === "past_due") return "past_due";
  if (["canceled", "unpaid", "incomplete_expired"].includes(stripeStatus)) return "canceled";
  return null;
}

/** The change an event asks for; null for an event type this service does not act on. */
export function changeOf(event: { type: string; data: { object: unknown } }): BillingChange | null {
  const object = event.data.object;
  if (SUBSCRIPTION_EVENTS.has(event.type)) {
    const sub = Subscription.parse(object);
    return {
      organizationId: sub.metadata?.organizationId ?? null,
      customerId: sub.customer,
      subscriptionId: sub.id,
      status: statusOf(sub.status, event.type === "customer.subscription.deleted"),
      seats: sub.items.data[0]?.quantity ?? null,
    };
  }
  if (event.type === "checkout.session.completed") {
    const session = Session.parse(object);
    return {
      organizationId: session.metadata?.organizationId ?? null,
      customerId: session.customer ?? null,
      subscriptionId: session.subscription ?? null,
      status: null,
      seats: null,
    };
  }
  if (event.type === "invoice.payment_failed") {
    const invoice = Invoice.parse(object);
    const details = invoice.parent?.subscription_details;
    return {
      organizationId: details?.metadata?.organizationId ?? null,
      customerId: invoice.customer ?? null,
      subscriptionId: details?.subscription ?? null,
      status: "past_due",
      seats: null,
      // A failed renewal of a paying subscription; a first invoice that never paid changes nothing.
      onlyFrom: ["active", "trialing", "past_due"],
    };
  }
  return null;
}
