import type { Context } from "hono";
import { jwtConfig, secretList } from "../config";
import type { AppEnv, CallerUser, Principal } from "../context";
import { findSecret, secretFingerprint } from "../crypto";
import { ApiError, unavailable } from "../errors";
import { verifyJwt } from "../jwt";

export type ResolveUser<E extends AppEnv = AppEnv> = (
  c: Context<E>,
  betterAuthUserId: string,
) => Promise<CallerUser | null>;

/** Step 2: exactly one credential — a service key or a Better Auth JWT — or 401. */
export async function authenticate<E extends AppEnv>(
  c: Context<E>,
  resolveUser: ResolveUser<E>,
): Promise<Principal> {
  const serviceKey = c.req.header("x-service-api-key");
  const authorization = c.req.header("authorization");
  if (serviceKey !== undefined && authorization !== undefined) {
    throw new ApiError("UNAUTHORIZED", "Send either X-Service-API-Key or a bearer token, not both");
  }
  if (serviceKey !== undefined) {
    const keys = secretList(c.env.SERVICE_API_KEY);
    if (keys.length === 0) throw unavailable("Configuration (SERVICE_API_KEY)");
    const match = findSecret(serviceKey, keys);
    if (!match) throw new ApiError("UNAUTHORIZED", "Invalid X-Service-API-Key");
    return { kind: "service", keyFingerprint: await secretFingerprint(match) };
  }
  if (authorization !== undefined) {
    const [scheme, token] = authorization.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new ApiError("UNAUTHORIZED", "Authorization must be 'Bearer <token>'");
    }
    const payload = await verifyJwt(token, jwtConfig(c.env));
    const user = await resolveUser(c, payload.sub);
    if (!user) throw new ApiError("UNAUTHORIZED", "No user is provisioned for this token");
    return { kind: "user", user, token };
  }
  throw new ApiError("UNAUTHORIZED", "Credentials required: X-Service-API-Key or a bearer token");
}
