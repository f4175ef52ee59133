import type { PlatformBindings } from "./context";
import { unavailable } from "./errors";
import type { JwtConfig } from "./jwt";

/** Splits a comma-separated secret list (rotation: old and new key both valid for a while). */
export const secretList = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** A required setting: missing means the service refuses (503), never that the check is skipped. */
export function requireSetting(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === "") throw unavailable(`Configuration (${name})`);
  return value.trim();
}

export function jwtConfig(env: PlatformBindings): JwtConfig {
  const authServiceUrl = requireSetting(env.AUTH_SERVICE_URL, "AUTH_SERVICE_URL");
  return {
    authServiceUrl,
    issuer: env.JWT_ISSUER?.trim() || authServiceUrl,
    audience: env.JWT_AUDIENCE?.trim() || authServiceUrl,
    algorithms: ["EdDSA"],
  };
}
