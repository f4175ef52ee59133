import { ApiError, unavailable } from "@svc/platform";
import type Stripe from "stripe";

// The SDK is loaded on the first billing request: every other request's isolate start skips it.
const sdk = () => import("stripe").then((m) => m.default);

/** Stripe's secrets are optional: without them billing answers 503 and everything else works. */
export type BillingEnv = OrgEnv & { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string };

/** Stripe's signature tolerance: a header older than this is refused (replay protection). */
const TOLERANCE_SECONDS = 300;

/**
 * The Stripe SDK in its Workers mode: requests through `fetch`, pointed at STRIPE_API_BASE_URL
 * when set (a stand-in for tests and staging), else at Stripe itself.
 */
export async function stripeClient(env: BillingEnv): Promise<Stripe> {
  if (!env.STRIPE_SECRET_KEY) throw unavailable("Stripe (STRIPE_SECRET_KEY is not set)");
  const Stripe = await sdk();
  const base = env.STRIPE_API_BASE_URL ? new URL(env.STRIPE_API_BASE_URL) : null;
  return new Stripe(env.STRIPE_SECRET_KEY, {
    // Looked up on each call, not captured once, so the global fetch in force is the one used.
    httpClient: Stripe.createFetchHttpClient((input, init) => fetch(input, init)),
    maxNetworkRetries: 1,
    timeout: 10_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "https:" ? 443 : 80),
          protocol: base.protocol === "http:" ? ("http" as const) : ("https" as const),
        }
      : {}),
  });
}

/** Verifies `Stripe-Signature` over the raw body and parses the event; any failure is a 400. */
export async function verifiedEvent(env: BillingEnv, body: string, signature: string | undefined) {
  if (!env.STRIPE_WEBHOOK_SECRET) throw unavailable("Stripe webhooks (STRIPE_WEBHOOK_SECRET is not set)");
  if (!signature) throw new ApiError("INVALID_INPUT", "Missing Stripe-Signature header");
  const Stripe = await sdk();
  try {
    return await Stripe.webhooks.constructEventAsync(
      body,
      signature,
      env.STRIPE_WEBHOOK_SECRET,
      TOLERANCE_SECONDS,
      Stripe.createSubtleCryptoProvider(),
    );
  } catch (err) {
    throw new ApiError("INVALID_INPUT", "Invalid Stripe-Signature", { cause: err });
  }
}

/** A Stripe API failure: the caller can retry, nothing was stored. */
export const stripeUnavailable = (err: unknown) => unavailable("Stripe", err);
