import { ApiError, unavailable } from "@svc/platform";
import type Stripe from "stripe";
import { z } from "zod";

/** Stripe's secrets are optional: without them billing answers 503 and everything else works. */
export type BillingEnv = OrgEnv & { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string };

/**
 * The Stripe API version every request pins: the one `stripe@23.1.0` (the devDependency whose types
 * describe the payloads below) sends. Upgrading it means checking the three request payloads and
 * the event objects `core/billing.events.ts` reads against Stripe's changelog.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive";
const STRIPE_API = "https://api.stripe.com";
const TIMEOUT_MS = 10_000;
/** The SDK's first retry delay (it waits 0.5–1 s): Stripe's own advice for a lock or overload. */
const RETRY_DELAY_MS = 500;

/** Stripe's signature tolerance: a header older than this is refused (replay protection). */
const TOLERANCE_SECONDS = 300;

/** A Stripe API answer other than success, kept as the cause of the 503 (no key, no body echoed). */
class StripeError extends Error {
  override name = "StripeError";
}

/** Stripe's form encoding: nested objects and arrays as bracketed keys (`line_items[0][price]`). */
function stripeForm(params: object): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined) return;
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
      return;
    }
    form.append(key, value === null ? "" : String(value));
  };
  for (const [k, v] of Object.entries(params)) add(k, v);
  return form;
}

/**
 * Retried once, as the SDK's `maxNetworkRetries: 1` did: a network error or timeout, a lock
 * conflict (409), rate limiting (429) or a Stripe-side failure (5xx), unless Stripe says otherwise.
 */
function retryable(res: Response | null): boolean {
  if (!res) return true;
  const advice = res.headers.get("stripe-should-retry");
  if (advice === "false") return false;
  if (advice === "true") return true;
  return res.status === 409 || res.status === 429 || res.status >= 500;
}

const StripeErrorBody = z.object({
  error: z.object({
    type: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
});

/**
 * One POST to Stripe's API. The idempotency key (a fresh one when the caller gives none) is sent on
 * both attempts, so a retry of a request Stripe did process returns the first result. Any failure
 * is a 503 "Stripe is unavailable": the caller stores nothing.
 */
async function post<T>(
  env: BillingEnv,
  secretKey: string,
  path: string,
  params: object,
  idempotencyKey: string,
) {
  const url = new URL(path, env.STRIPE_API_BASE_URL || STRIPE_API);
  const headers = {
    authorization: `Bearer ${secretKey}`,
    "content-type": "application/x-www-form-urlencoded",
    "stripe-version": STRIPE_API_VERSION,
    "idempotency-key": idempotencyKey,
  };
  const body = stripeForm(params).toString();
  for (let attempt = 1; ; attempt++) {
    let res: Response | null = null;
    let failure: unknown;
    try {
      res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      failure = err;
    }
    if (attempt === 1 && retryable(res)) {
      await res?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * (1 + Math.random())));
      continue;
    }
    if (!res) throw unavailable("Stripe", failure);
    const answer: unknown = await res.json().catch(() => null);
    if (res.ok && answer) return answer as T;
    const error = StripeErrorBody.safeParse(answer).data?.error;
    throw unavailable(
      "Stripe",
      new StripeError(
        `${path} answered ${res.status} ${error?.type ?? ""} ${error?.code ?? ""}: ${error?.message ?? ""}`,
      ),
    );
  }
}

/** Stripe's API, the three calls the service makes; requests go to STRIPE_API_BASE_URL when set. */
export function stripeClient(env: BillingEnv) {
  const secretKey = env.STRIPE_SECRET_KEY;
  if (!secretKey) throw unavailable("Stripe (STRIPE_SECRET_KEY is not set)");
  const call = <T>(path: string, params: object, idempotencyKey = crypto.randomUUID()) =>
    post<T>(env, secretKey, path, params, idempotencyKey);
  return {
    customers: {
      create: (params: Stripe.CustomerCreateParams, options: { idempotencyKey: string }) =>
        call<Stripe.Customer>("/v1/customers", params, options.idempotencyKey),
    },
    checkout: {
      sessions: {
        create: (params: Stripe.Checkout.SessionCreateParams) =>
          call<Stripe.Checkout.Session>("/v1/checkout/sessions", params),
      },
    },
    billingPortal: {
      sessions: {
        create: (params: Stripe.BillingPortal.SessionCreateParams) =>
          call<Stripe.BillingPortal.Session>("/v1/billing_portal/sessions", params),
      },
    },
  };
}
export type StripeClient = ReturnType<typeof stripeClient>;

/** `t=<seconds>,v1=<hex>[,v1=<hex>…]`; other schemes (v0, test-mode extras) are ignored. */
function parseSignature(header: string) {
  let timestamp: number | null = null;
  const signatures: Uint8Array[] = [];
  for (const item of header.split(",")) {
    const [key, value = ""] = item.trim().split("=", 2);
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Uint8Array.from(value.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16)));
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Stripe's scheme: HMAC-SHA256 of `${t}.${body}` with the endpoint secret; any one v1 may match
 * (Stripe sends one per active secret while a secret is rolled). Compared in constant time.
 */
async function signedByStripe(secret: string, body: string, header: string, nowMs: number) {
  const parsed = parseSignature(header);
  if (!parsed) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - parsed.timestamp) > TOLERANCE_SECONDS) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const expected = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, encoder.encode(`${parsed.timestamp}.${body}`)),
  );
  return parsed.signatures.some((signature) => crypto.subtle.timingSafeEqual(signature, expected));
}

const StripeEvent = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    created: z.number().int().nonnegative(),
    data: z.object({ object: z.unknown() }).loose(),
  })
  .loose();
export type StripeEvent = z.infer<typeof StripeEvent>;

/** Verifies `Stripe-Signature` over the raw body and parses the event; any failure is a 400. */
export async function verifiedEvent(
  env: BillingEnv,
  body: string,
  signature: string | undefined,
): Promise<StripeEvent> {
  if (!env.STRIPE_WEBHOOK_SECRET) throw unavailable("Stripe webhooks (STRIPE_WEBHOOK_SECRET is not set)");
  if (!signature) throw new ApiError("INVALID_INPUT", "Missing Stripe-Signature header");
  if (!(await signedByStripe(env.STRIPE_WEBHOOK_SECRET, body, signature, Date.now()))) {
    throw new ApiError("INVALID_INPUT", "Invalid Stripe-Signature");
  }
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch (err) {
    throw new ApiError("INVALID_INPUT", "The Stripe event is not JSON", { cause: err });
  }
  const parsed = StripeEvent.safeParse(event);
  if (!parsed.success)
    throw new ApiError("INVALID_INPUT", "The Stripe event has no id, type, created or data");
  return parsed.data;
}
