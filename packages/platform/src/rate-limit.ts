import type { Context } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";
import type { RateLimiter } from "./guards/access";

interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface LimiterRule<E extends AppEnv> {
  /** Returns the binding that enforces this rule; absent means the rule is not configured. */
  binding: (c: Context<E>) => RateLimitBinding | undefined;
  /** Requests allowed per period: the binding's `limit`. */
  quota: number;
  /** The binding's period in seconds; a refused caller is told to wait that long. */
  periodSeconds: number;
}

/**
 * Adds one policy to the response's IETF `RateLimit-Policy` field (draft-ietf-httpapi-ratelimit-headers):
 * `"name";q=<quota>;w=<window seconds>`.
 */
export function announcePolicy<E extends AppEnv>(
  c: Context<E>,
  name: string,
  quota: number,
  windowSeconds: number,
) {
  c.header("RateLimit-Policy", `"${name}";q=${quota};w=${windowSeconds}`, { append: true });
}

/** What is left of a policy: `"name";r=<remaining>;t=<seconds until it resets>` in `RateLimit`. */
export const remainingField = (name: string, remaining: number, resetSeconds: number) =>
  `"${name}";r=${remaining};t=${resetSeconds}`;

/** The 429 a limit answers: `Retry-After` and the exhausted policy's `RateLimit` field. */
export const rateLimited = (name: string, retryAfterSeconds: number, message: string) =>
  new ApiError("RATE_LIMITED", message, {
    headers: {
      "Retry-After": String(retryAfterSeconds),
      RateLimit: remainingField(name, 0, retryAfterSeconds),
    },
  });

/**
 * Per-principal limits backed by Workers rate-limiting bindings. A rule whose binding is not
 * configured does not limit: rate limits protect capacity, they are not an authorization check.
 * The binding tells only whether this request passed, so a passing answer carries the policy and
 * a refused one `RateLimit` with nothing remaining (the binding knows no exact reset time; its
 * period bounds it).
 */
export function bindingRateLimiter<E extends AppEnv>(rules: Record<string, LimiterRule<E>>): RateLimiter<E> {
  return async (c, key, name) => {
    const rule = rules[name] ?? rules.default;
    const binding = rule?.binding(c);
    if (!rule || !binding) return;
    const policy = rules[name] ? name : "default";
    announcePolicy(c, policy, rule.quota, rule.periodSeconds);
    const { success } = await binding.limit({ key: `${name}:${key}` });
    if (!success) throw rateLimited(policy, rule.periodSeconds, "Too many requests; slow down");
  };
}
