import { ApiError } from "@svc/platform";

const LOCAL = new Set(["localhost", "127.0.0.1"]);

/**
 * Where Stripe may send the browser back to: https on an allowed host (BILLING_REDIRECT_HOSTS,
 * comma-separated host names), or http on localhost outside production. Anything else would make
 * this service an open redirect, so it is a 400 naming the field.
 */
export function checkRedirects(env: OrgEnv, urls: Record<string, string>) {
  const allowed = new Set(
    env.BILLING_REDIRECT_HOSTS.split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const details = Object.entries(urls).flatMap(([path, value]) => {
    const url = new URL(value);
    const https = url.protocol === "https:";
    const localHttp = url.protocol === "http:" && LOCAL.has(url.hostname) && env.ENVIRONMENT !== "production";
    if (!https && !localHttp) return [{ path, message: "Must be an https URL" }];
    if (!allowed.has(url.hostname)) return [{ path, message: `Host ${url.hostname} is not allowed` }];
    return [];
  });
  if (details.length) throw new ApiError("INVALID_INPUT", "Redirect URL not allowed", { details });
}

/** The configured prices (STRIPE_PRICE_IDS); a checkout may only buy one of them. */
export function priceOf(env: OrgEnv, requested: string | undefined): string {
  const prices = env.STRIPE_PRICE_IDS.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (prices.length === 0) {
    throw new ApiError("SERVICE_UNAVAILABLE", "Billing is not configured (STRIPE_PRICE_IDS is empty)");
  }
  const price = requested ?? prices[0]!;
  if (!prices.includes(price)) {
    throw new ApiError("INVALID_INPUT", "Unknown price", {
      details: [{ path: "priceId", message: "Not one of the offered prices" }],
    });
  }
  return price;
}
