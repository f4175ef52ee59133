import { createRoute, z } from "@hono/zod-openapi";
import { ApiError, dataResponse, errorsFor, withPlatformHeaders } from "@svc/platform";
import { bodyLimit } from "hono/body-limit";

/** Stripe's events are a few KiB; anything near this is not Stripe. */
const MAX_EVENT_BYTES = 1024 * 1024;

export const WEBHOOK_PATH = "/api/v1/webhooks/stripe";

export const receive = createRoute({
  method: "post",
  path: WEBHOOK_PATH,
  tags: ["Billing"],
  operationId: "receiveStripeEvent",
  summary: "Receive a Stripe event (signed by Stripe; no gateway or service key)",
  description:
    "Stripe calls this directly. The `Stripe-Signature` header over the raw body is the only " +
    "credential (5-minute tolerance); a missing, wrong or stale signature is 400 and changes nothing. " +
    "Handles checkout.session.completed, customer.subscription.created|updated|deleted|paused|resumed " +
    "and invoice.payment_failed; other types are acknowledged and ignored. Each event id is applied " +
    "once, an event older than the last one applied to the organization changes nothing, and an " +
    "event for no known organization is acknowledged (200) and logged so Stripe stops retrying.",
  security: [{ stripeSignature: [] }],
  middleware: [
    bodyLimit({
      maxSize: MAX_EVENT_BYTES,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", "A Stripe event body is at most 1 MB");
      },
    }),
  ],
  request: {
    headers: z.object({ "stripe-signature": z.string().max(1024).optional() }),
  },
  responses: withPlatformHeaders(
    {
      200: dataResponse(
        z.object({
          received: z.literal(true),
          outcome: z.enum(["applied", "unchanged", "duplicate", "unknown_organization", "ignored"]),
        }),
        "The event was accepted (applied, or deliberately not: see `outcome`)",
      ),
      ...errorsFor("INVALID_INPUT", "PAYLOAD_TOO_LARGE", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"),
    },
    false,
  ),
});

export type ReceiveRoute = typeof receive;
