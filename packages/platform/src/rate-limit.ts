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
  /** Seconds a refused caller should wait: the binding's period. */
  retryAfterSeconds: number;
}

/**
 * Per-principal limits backed by Workers rate-limiting bindings. A rule whose binding is not
 * configured does not limit: rate limits protect capacity, they are not an authorization check.
 */
export function bindingRateLimiter<E extends AppEnv>(rules: Record<string, LimiterRule<E>>): RateLimiter<E> {
  return async (c, key, name) => {
    const rule = rules[name] ?? rules.default;
    const binding = rule?.binding(c);
    if (!rule || !binding) return;
    const { success } = await binding.limit({ key: `${name}:${key}` });
    if (!success) {
      throw new ApiError("RATE_LIMITED", "Too many requests; slow down", {
        headers: { "Retry-After": String(rule.retryAfterSeconds) },
      });
    }
  };
}
