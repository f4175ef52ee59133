import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterEach, beforeEach, vi } from "vitest";
import { TEST_AUTH_URL } from "./constants";
import { userHeaders } from "./http";

/**
 * An issuer with Better Auth's key format: an Ed25519 key pair whose public half is served
 * as `{ keys: [{ alg: "EdDSA", crv: "Ed25519", kty: "OKP", x, kid }] }` at /api/auth/jwks.
 */
export async function createIssuer(kid = crypto.randomUUID()) {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), alg: "EdDSA", kid };
  return {
    kid,
    privateKey: privateKey as CryptoKey,
    publicKey: publicKey as CryptoKey,
    jwks: { keys: [jwk] },
    /** A token as Better Auth issues it: iss and aud are the auth service URL, 15 minutes to live. */
    sign(
      sub: string,
      overrides: {
        claims?: JWTPayload;
        issuer?: string;
        audience?: string;
        expiresIn?: string | number;
      } = {},
    ) {
      return new SignJWT({ ...overrides.claims })
        .setProtectedHeader({ alg: "EdDSA", kid })
        .setSubject(sub)
        .setIssuedAt()
        .setIssuer(overrides.issuer ?? TEST_AUTH_URL)
        .setAudience(overrides.audience ?? TEST_AUTH_URL)
        .setExpirationTime(overrides.expiresIn ?? "15m")
        .sign(privateKey);
    },
  };
}
export type TestIssuer = Awaited<ReturnType<typeof createIssuer>>;

/**
 * Answers outbound requests at the fetch boundary: the JWKS URL with the issuer's keys, and any
 * extra routes the test names. Everything else fails loudly, so no test reaches the network.
 */
export function stubOutbound(
  issuer: TestIssuer | null,
  routes: Record<string, (req: Request) => Response | Promise<Response>> = {},
) {
  const real = globalThis.fetch;
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const key = `${url.origin}${url.pathname}`;
    if (issuer && key === `${TEST_AUTH_URL}/api/auth/jwks`) return Response.json(issuer.jwks);
    const route = routes[key];
    if (route) return route(req);
    if (url.hostname === "localhost" || url.hostname === "127.0.0.1") return real(input, init);
    throw new TypeError(`Unexpected outbound request in a test: ${req.method} ${key}`);
  });
}

/** For a test file whose every test may present JWTs: the issuer's JWKS answered in each test. */
export function answerJwksInEveryTest(issuer: TestIssuer) {
  beforeEach(() => {
    stubOutbound(issuer);
  });
  afterEach(() => vi.restoreAllMocks());
}

/**
 * The issuer of a test file whose every test may present JWTs: its JWKS is answered in each test,
 * and `headersFor(user)` signs a token for that user and returns the request headers carrying it.
 */
export async function fileIssuer() {
  const issuer = await createIssuer();
  answerJwksInEveryTest(issuer);
  const headersFor = async (user: { betterAuthUserId: string }, organizationId?: string) =>
    userHeaders(await issuer.sign(user.betterAuthUserId), organizationId);
  return Object.assign(issuer, { headersFor });
}
