import { env } from "cloudflare:workers";
import { stubOutbound, type TestIssuer } from "@svc/platform/testing";
import Stripe from "stripe";
import { api } from "./helpers";

const BASE = "http://stripe.test";

/** A request the stand-in received: path, form fields and the idempotency key. */
export interface StripeCall {
  path: string;
  form: URLSearchParams;
  idempotencyKey: string | null;
}

/**
 * Stripe replaced at the fetch boundary: a stand-in answering the three calls the service makes
 * (customers, Checkout Sessions, portal sessions) in Stripe's shapes, honouring Idempotency-Key on
 * customer creation as Stripe does, and recording every call. JWKS requests still get the issuer's keys.
 */
export function stripeStandIn(issuer: TestIssuer, options: { fail?: boolean } = {}) {
  const calls: StripeCall[] = [];
  const customers = new Map<string, { id: string; object: "customer" }>();
  let made = 0;
  const record = async (req: Request) => {
    const call = {
      path: new URL(req.url).pathname,
      form: new URLSearchParams(await req.text()),
      idempotencyKey: req.headers.get("idempotency-key"),
    };
    calls.push(call);
    return call;
  };
  const down = () =>
    Response.json({ error: { type: "api_error", message: "stand-in down" } }, { status: 500 });
  stubOutbound(issuer, {
    [`${BASE}/v1/customers`]: async (req) => {
      const call = await record(req);
      if (options.fail) return down();
      const key = call.idempotencyKey ?? crypto.randomUUID();
      if (!customers.has(key))
        customers.set(key, { id: `cus_${++made}${crypto.randomUUID().slice(0, 8)}`, object: "customer" });
      return Response.json(customers.get(key));
    },
    [`${BASE}/v1/checkout/sessions`]: async (req) => {
      await record(req);
      if (options.fail) return down();
      const id = `cs_test_${crypto.randomUUID().slice(0, 8)}`;
      return Response.json({
        id,
        object: "checkout.session",
        url: `https://checkout.stripe.com/c/pay/${id}`,
      });
    },
    [`${BASE}/v1/billing_portal/sessions`]: async (req) => {
      await record(req);
      if (options.fail) return down();
      return Response.json({
        id: "bps_1",
        object: "billing_portal.session",
        url: "https://billing.stripe.com/p/session/1",
      });
    },
  });
  return { calls, customersMade: () => customers.size };
}

let sequence = 0;

/** A Stripe event with a fresh id, `created` in seconds (default now). */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  created = Math.floor(Date.now() / 1000),
) {
  return { id: `evt_${Date.now()}_${++sequence}`, object: "event", type, created, data: { object } };
}

/** A subscription object as Stripe sends it, for the organization and customer given. */
export const subscription = (
  organizationId: string | null,
  status: string,
  quantity = 5,
  customer = `cus_${organizationId}`,
) => ({
  id: `sub_${organizationId ?? "none"}`,
  object: "subscription",
  customer,
  status,
  metadata: organizationId ? { organizationId } : {},
  items: { object: "list", data: [{ id: "si_1", object: "subscription_item", quantity }] },
});

/** The Stripe-Signature header the real SDK computes for `payload` (timestamp in seconds). */
export const signatureFor = (payload: string, timestamp = Math.floor(Date.now() / 1000), secret?: string) =>
  Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: secret ?? env.STRIPE_WEBHOOK_SECRET,
    timestamp,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });

/** Posts a body to the webhook as Stripe does: no gateway or service key, only the signature. */
export const postWebhook = (body: string, signature?: string) =>
  api("/api/v1/webhooks/stripe", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
  });

/** Delivers a correctly signed event. */
export async function deliver(event: object) {
  const body = JSON.stringify(event);
  return postWebhook(body, await signatureFor(body));
}

/** Puts an organization on a subscription status through the webhook, as Stripe would. */
export async function subscribe(organizationId: string, status = "active", quantity = 5, created?: number) {
  const res = await deliver(
    stripeEvent("customer.subscription.updated", subscription(organizationId, status, quantity), created),
  );
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return res;
}
