import { ApiError } from "@svc/platform";
import { changeOf } from "../../core/billing.events";
import { applyStripeEvent, type Outcome } from "../../core/billing.writes";
import { findOrganization } from "../../core/organizations.repository";
import { systemWriter } from "../../core/writer";
import { verifiedEvent } from "../../lib/stripe";
import type { AppRouteHandler } from "../../lib/types";
import { findIdByStripeCustomer } from "./stripe-webhook.repository";
import type { ReceiveRoute } from "./stripe-webhook.routes";

export const receive: AppRouteHandler<ReceiveRoute> = async (c) => {
  const body = await c.req.text();
  const event = await verifiedEvent(c.env, body, c.req.header("stripe-signature"));
  const answer = (outcome: Outcome) => c.json({ data: { received: true as const, outcome } }, 200);

  let change: ReturnType<typeof changeOf>;
  try {
    change = changeOf(event);
  } catch (err) {
    throw new ApiError("INVALID_INPUT", `Unexpected ${event.type} payload`, { cause: err });
  }
  if (!change) return answer("ignored");

  const db = c.var.db;
  const byMetadata = change.organizationId ? await findOrganization(db, change.organizationId) : null;
  const organizationId =
    byMetadata?.id ?? (change.customerId ? await findIdByStripeCustomer(db, change.customerId) : null);
  const writer = systemWriter(db, "stripe", c.get("requestId"));
  const outcome = await applyStripeEvent(
    writer,
    { id: event.id, type: event.type, at: event.created * 1000 },
    organizationId,
    change,
  );
  if (outcome === "unknown_organization") {
    // Acknowledged so Stripe stops retrying; ids only (no customer details) in the log.
    console.warn(
      JSON.stringify({
        level: "warn",
        requestId: c.get("requestId"),
        message: "Stripe event for no known organization",
        eventId: event.id,
        eventType: event.type,
      }),
    );
  }
  return answer(outcome);
};
