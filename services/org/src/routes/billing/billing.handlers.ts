import { ApiError, notFound, toIsoOrNull } from "@svc/platform";
import type { Context } from "hono";
import type Stripe from "stripe";
import { batchWrite } from "../../core/batch";
import { findOrganization } from "../../core/organizations.repository";
import { DAY_MS, entitlementsOf, graceDaysOf } from "../../core/plans";
import { usageOf } from "../../core/usage";
import type { OrganizationRow } from "../../db/schema";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import { stripeClient, stripeUnavailable } from "../../lib/stripe";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { checkRedirects, priceOf } from "./billing.redirects";
import { linkCustomerStatement } from "./billing.repository";
import type { CheckoutRoute, EntitlementsRoute, PortalRoute } from "./billing.routes";

/** Members of the organization, counted up to one past `limit` (enough to tell "over"). */
async function membersUpTo(c: Context<OrgAppEnv>, organizationId: string, limit: number) {
  const users = userService(c);
  let used = 0;
  let cursor: string | undefined;
  do {
    const page = await users.listByOrganization(organizationId, { cursor, limit: 100 });
    used += page.data.length;
    cursor = page.pagination.hasMore ? (page.pagination.nextCursor ?? undefined) : undefined;
  } while (cursor && used <= limit);
  return used;
}

export const entitlements: AppRouteHandler<EntitlementsRoute> = async (c) => {
  const org = await organizationOf(c, c.req.valid("param").id);
  const now = Date.now();
  const graceDays = graceDaysOf(c.env);
  const e = entitlementsOf(org, now, graceDays);
  const period = e.context?.periodMs ?? DAY_MS;
  const [keys, contexts, members] = await Promise.all([
    usageOf(c.var.db, "apiKeys", org.id, now, period),
    usageOf(c.var.db, "context", org.id, now, period),
    membersUpTo(c, org.id, e.seats),
  ]);
  const graceEndsAt =
    org.subscriptionStatus === "past_due" && org.pastDueSince !== null
      ? org.pastDueSince + graceDays * DAY_MS
      : null;
  return c.json(
    {
      data: {
        kind: org.kind,
        tier: org.subscriptionTier,
        subscriptionStatus: org.subscriptionStatus,
        plan: e.plan,
        graceEndsAt: toIsoOrNull(graceEndsAt),
        features: {
          invitations: e.invitations,
          domains: e.domains,
          apiKeys: { limit: e.apiKeys, used: keys },
          context: {
            limit: e.context?.limit ?? null,
            periodHours: e.context ? e.context.periodMs / 3_600_000 : null,
            used: contexts,
          },
        },
        // Pending invitations hold seats once invitations exist; until then none are pending.
        seats: { used: members, pending: 0, limit: e.seats },
      },
    },
    200,
  );
};

/**
 * The organization's Stripe customer, created on first use. Stripe's idempotency key makes two
 * concurrent first checkouts get the same customer back; the link is a compare-and-set, so the
 * organization keeps the first customer stored.
 */
async function customerOf(c: Context<OrgAppEnv>, stripe: Stripe, org: OrganizationRow): Promise<string> {
  if (org.stripeCustomerId) return org.stripeCustomerId;
  const customer = await stripe.customers
    .create(
      { name: org.name, metadata: { organizationId: org.id } },
      { idempotencyKey: `org-customer-${org.id}` },
    )
    .catch((err: unknown) => {
      throw stripeUnavailable(err);
    });
  const now = Date.now();
  const writer = writerOf(c);
  const [linked] = await batchWrite(
    writer,
    [
      {
        statement: linkCustomerStatement(c.var.db, org.id, customer.id, now),
        audit: {
          organizationId: org.id,
          action: "organization.billing_customer",
          resourceType: "organization",
          resourceId: org.id,
        },
      },
    ],
    now,
  );
  if (linked.length > 0) return customer.id;
  const current = await findOrganization(c.var.db, org.id);
  if (!current?.stripeCustomerId) throw notFound("Organization");
  return current.stripeCustomerId;
}

export const checkout: AppRouteHandler<CheckoutRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  checkRedirects(c.env, { successUrl: body.successUrl, cancelUrl: body.cancelUrl });
  const price = priceOf(c.env, body.priceId);
  const org = await organizationOf(c, id);
  const stripe = await stripeClient(c.env);
  const customer = await customerOf(c, stripe, org);
  const metadata = { organizationId: org.id };
  const session = await stripe.checkout.sessions
    .create({
      mode: "subscription",
      customer,
      client_reference_id: org.id,
      line_items: [{ price, quantity: body.seats }],
      success_url: body.successUrl,
      cancel_url: body.cancelUrl,
      metadata,
      subscription_data: { metadata },
    })
    .catch((err: unknown) => {
      throw stripeUnavailable(err);
    });
  if (!session.url) throw stripeUnavailable(new Error("Checkout Session without a URL"));
  return c.json({ data: { url: session.url } }, 201);
};

export const portal: AppRouteHandler<PortalRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { returnUrl } = c.req.valid("json");
  checkRedirects(c.env, { returnUrl });
  const org = await organizationOf(c, id);
  if (!org.stripeCustomerId) {
    throw new ApiError("CONFLICT", "The organization has no Stripe customer yet; start with a checkout");
  }
  const session = await (await stripeClient(c.env)).billingPortal.sessions
    .create({ customer: org.stripeCustomerId, return_url: returnUrl })
    .catch((err: unknown) => {
      throw stripeUnavailable(err);
    });
  return c.json({ data: { url: session.url } }, 200);
};
