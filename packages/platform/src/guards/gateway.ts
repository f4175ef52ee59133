import type { MiddlewareHandler } from "hono";
import { requireSetting } from "../config";
import type { AppEnv } from "../context";
import { findSecret } from "../crypto";
import { ApiError } from "../errors";

/**
 * Step 1: only the gateway (and peers holding its key) may reach /api/v1 at all, except under the
 * `ungated` prefixes, whose routes check a credential of their own.
 */
export const gatewayTrust =
  (ungated: readonly string[] = []): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (ungated.some((prefix) => c.req.path.startsWith(prefix))) return next();
    const expected = requireSetting(c.env.INTERNAL_GATEWAY_KEY, "INTERNAL_GATEWAY_KEY");
    const presented = c.req.header("x-internal-key");
    if (!presented || !findSecret(presented, [expected])) {
      throw new ApiError("UNAUTHORIZED", "Missing or invalid X-Internal-Key");
    }
    await next();
  };
