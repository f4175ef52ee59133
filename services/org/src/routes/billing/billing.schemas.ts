import { z } from "@hono/zod-openapi";

const Url = z.url().max(2048);

export const CheckoutSchema = z
  .object({
    priceId: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .openapi({ description: "One of the configured prices (STRIPE_PRICE_IDS); the first by default" }),
    seats: z.number().int().min(1).max(10_000).default(5),
    successUrl: Url,
    cancelUrl: Url,
  })
  .openapi("BillingCheckout");

export const PortalSchema = z.object({ returnUrl: Url }).openapi("BillingPortal");

export const RedirectSchema = z.object({ url: z.url().max(4096) }).openapi("BillingRedirect");

/** A count the service reports (seats, keys, generations): never negative, far below 2³¹. */
const Count = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);

const Quota = z.object({
  limit: Count.nullable().openapi({ description: "null: unlimited" }),
  used: Count,
});

export const EntitlementsSchema = z
  .object({
    kind: z.enum(["personal", "business"]),
    tier: z.enum(["free", "business", "enterprise"]),
    subscriptionStatus: z.enum(["none", "active", "trialing", "paused", "past_due", "canceled"]),
    plan: z.enum(["personal", "business", "enterprise"]),
    graceEndsAt: z.iso
      .datetime()
      .max(30)
      .nullable()
      .openapi({ description: "While past_due: when business ends" }),
    features: z.object({
      invitations: z.boolean(),
      domains: z.boolean(),
      apiKeys: Quota,
      context: Quota.extend({ periodHours: Count.nullable() }),
    }),
    seats: z.object({ used: Count, pending: Count, limit: Count }),
  })
  .openapi("Entitlements");
