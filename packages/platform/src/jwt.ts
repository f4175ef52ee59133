import {
  createLocalJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { ApiError, unavailable } from "./errors";

export interface JwtConfig {
  authServiceUrl: string;
  issuer: string;
  audience: string;
  /** Accepted algorithms when the JWKS keys do not name one; never taken from the token. */
  algorithms: string[];
}

type VerifiedPayload = JWTPayload & { sub: string; exp: number };

interface CachedJwks {
  fetchedAt: number;
  keys: ReturnType<typeof createLocalJWKSet>;
  algorithms: string[];
  /**
   * Tokens this key set has already verified (keyed with the issuer and audience they were checked
   * against), so a client's burst costs one signature check. Dropped with the key set on refresh,
   * so a removed key stops being honoured when the JWKS is next fetched, as without this map.
   */
  verified: Map<string, VerifiedPayload>;
}

const TTL_MS = 10 * 60_000;
/** A token with an unknown kid may trigger a refetch, but not more often than this. */
const REFRESH_COOLDOWN_MS = 30_000;
const FETCH_TIMEOUT_MS = 3_000;
const MAX_VERIFIED = 10_000;
const cache = new Map<string, CachedJwks>();

async function loadJwks(url: string, fallbackAlgorithms: string[]): Promise<CachedJwks> {
  let body: JSONWebKeySet;
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: "application/json" },
    });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    body = (await res.json()) as JSONWebKeySet;
    if (!Array.isArray(body.keys) || body.keys.length === 0) throw new Error("JWKS has no keys");
  } catch (err) {
    throw unavailable("The auth service's JWKS", err);
  }
  const declared = [
    ...new Set(body.keys.map((k) => k.alg).filter((a): a is string => typeof a === "string")),
  ];
  const entry = {
    fetchedAt: Date.now(),
    keys: createLocalJWKSet(body),
    algorithms: declared.length > 0 ? declared : fallbackAlgorithms,
    verified: new Map(),
  };
  cache.set(url, entry);
  return entry;
}

async function jwksFor(url: string, algorithms: string[], forceRefresh: boolean): Promise<CachedJwks> {
  const cached = cache.get(url);
  const now = Date.now();
  if (
    cached &&
    now - cached.fetchedAt < TTL_MS &&
    !(forceRefresh && now - cached.fetchedAt > REFRESH_COOLDOWN_MS)
  ) {
    return cached;
  }
  return loadJwks(url, algorithms);
}

const invalid = (reason: string) => new ApiError("UNAUTHORIZED", `Invalid bearer token: ${reason}`);

/** Verifies a Better Auth JWT against the auth service's JWKS; returns its payload with a `sub`. */
export async function verifyJwt(token: string, config: JwtConfig): Promise<VerifiedPayload> {
  const url = `${config.authServiceUrl.replace(/\/+$/, "")}/api/auth/jwks`;
  const verifiedKey = `${config.issuer}\n${config.audience}\n${token}`;
  for (const forceRefresh of [false, true]) {
    const jwks = await jwksFor(url, config.algorithms, forceRefresh);
    const known = jwks.verified.get(verifiedKey);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known;
      jwks.verified.delete(verifiedKey);
      throw invalid("expired");
    }
    try {
      const { payload } = await jwtVerify(token, jwks.keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: jwks.algorithms,
        requiredClaims: ["sub", "exp"],
      });
      if (typeof payload.sub !== "string" || payload.sub === "") throw invalid("no subject");
      const verified = payload as VerifiedPayload;
      if (jwks.verified.size >= MAX_VERIFIED) jwks.verified.clear();
      jwks.verified.set(verifiedKey, verified);
      return verified;
    } catch (err) {
      if (err instanceof joseErrors.JWKSNoMatchingKey && !forceRefresh) continue;
      if (err instanceof ApiError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw invalid("expired");
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw invalid(`claim ${err.claim} rejected`);
      throw invalid("signature or format rejected");
    }
  }
  throw invalid("no matching key");
}
