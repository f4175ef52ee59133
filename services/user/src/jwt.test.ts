import type { User } from "@svc/contracts";
import {
  createIssuer,
  expectData,
  expectError,
  stubOutbound,
  TEST_AUTH_URL,
  type TestIssuer,
  userHeaders,
} from "@svc/platform/testing";
import { SignJWT } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, apiWith, createUser } from "../test/helpers";

let issuer: TestIssuer;
let user: User;
beforeAll(async () => {
  issuer = await createIssuer();
  user = await createUser();
});
beforeEach(() => {
  stubOutbound(issuer);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const me = (token: string) => api("/api/v1/users/me", { headers: userHeaders(token) });
const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
const claims = () => {
  const now = Math.floor(Date.now() / 1000);
  return { sub: user.betterAuthUserId, iss: TEST_AUTH_URL, aud: TEST_AUTH_URL, iat: now, exp: now + 900 };
};

describe("Better Auth JWT verification on GET /api/v1/users/me", () => {
  it("accepts a valid EdDSA token from the JWKS", async () => {
    const { data } = await expectData<{ data: User }>(
      await me(await issuer.sign(user.betterAuthUserId)),
      200,
    );
    expect(data.id).toBe(user.id);
  });

  it("rejects a tampered signature", async () => {
    const [h, p, s] = (await issuer.sign(user.betterAuthUserId)).split(".");
    const flipped = `${s!.slice(0, 10)}${s![10] === "A" ? "B" : "A"}${s!.slice(11)}`;
    await expectError(await me(`${h}.${p}.${flipped}`), 401, "UNAUTHORIZED");
  });

  it("rejects a tampered payload", async () => {
    const [h, , s] = (await issuer.sign(user.betterAuthUserId)).split(".");
    await expectError(await me(`${h}.${b64url({ ...claims(), sub: "ba_admin" })}.${s}`), 401, "UNAUTHORIZED");
  });

  it("rejects a token signed by another key under the same kid", async () => {
    const impostor = await createIssuer(issuer.kid);
    await expectError(await me(await impostor.sign(user.betterAuthUserId)), 401, "UNAUTHORIZED");
  });

  it("rejects alg: none", async () => {
    const token = `${b64url({ alg: "none", kid: issuer.kid, typ: "JWT" })}.${b64url(claims())}.`;
    await expectError(await me(token), 401, "UNAUTHORIZED");
  });

  it("rejects HS256 signed with the public key bytes as the HMAC secret (algorithm confusion)", async () => {
    const x = issuer.jwks.keys[0]!.x as string;
    const publicBytes = Uint8Array.from(atob(x.replaceAll("-", "+").replaceAll("_", "/")), (ch) =>
      ch.charCodeAt(0),
    );
    for (const secret of [publicBytes, new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0]))]) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: "HS256", kid: issuer.kid })
        .sign(secret);
      await expectError(await me(token), 401, "UNAUTHORIZED");
    }
  });

  it("rejects an expired token, a wrong issuer and a wrong audience", async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const token of [
      await issuer.sign(user.betterAuthUserId, { expiresIn: past }),
      await issuer.sign(user.betterAuthUserId, { issuer: "https://evil.example" }),
      await issuer.sign(user.betterAuthUserId, { audience: "https://other.example" }),
    ]) {
      await expectError(await me(token), 401, "UNAUTHORIZED");
    }
  });

  it("rejects a valid token whose subject has no user (401)", async () => {
    await expectError(await me(await issuer.sign("ba_never_synced")), 401, "UNAUTHORIZED");
  });

  it("answers 503, not an allow, when the JWKS cannot be fetched", async () => {
    const token = await issuer.sign(user.betterAuthUserId);
    const res = await apiWith({ AUTH_SERVICE_URL: "http://auth-down.test" }, "/api/v1/users/me", {
      headers: userHeaders(token),
    });
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });

  it("stops honouring a verified token once it expires", async () => {
    const token = await issuer.sign(user.betterAuthUserId, { expiresIn: "1m" });
    await expectData(await me(token), 200);
    await expectData(await me(token), 200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    await expectError(await me(token), 401, "UNAUTHORIZED");
  });

  it("stops honouring a verified token when the refetched JWKS no longer has its key", async () => {
    const url = "http://auth-revoke.test";
    let served = issuer.jwks.keys;
    vi.restoreAllMocks();
    stubOutbound(null, { [`${url}/api/auth/jwks`]: () => Response.json({ keys: served }) });
    const call = async (token: string) =>
      apiWith({ AUTH_SERVICE_URL: url }, "/api/v1/users/me", { headers: userHeaders(token) });
    const token = await issuer.sign(user.betterAuthUserId);
    await expectData(await call(token), 200);

    served = (await createIssuer()).jwks.keys;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1_000);
    await expectError(await call(token), 401, "UNAUTHORIZED");
  });

  it("refreshes the JWKS once for a new kid (key rotation) and accepts the new key", async () => {
    const url = "http://auth-rotate.test";
    const rotated = await createIssuer();
    let served = issuer.jwks.keys;
    vi.restoreAllMocks();
    const fetchSpy = stubOutbound(null, { [`${url}/api/auth/jwks`]: () => Response.json({ keys: served }) });
    const jwksFetches = () =>
      fetchSpy.mock.calls.filter(([input]) => new Request(input).url.startsWith(url)).length;
    const call = async (token: string) =>
      apiWith({ AUTH_SERVICE_URL: url }, "/api/v1/users/me", { headers: userHeaders(token) });

    await expectData(await call(await issuer.sign(user.betterAuthUserId)), 200);
    expect(jwksFetches()).toBe(1);

    served = [...issuer.jwks.keys, ...rotated.jwks.keys];
    const newToken = await rotated.sign(user.betterAuthUserId);
    // An unknown kid right after a fetch does not refetch: random kids cannot hammer the auth service.
    await expectError(await call(newToken), 401, "UNAUTHORIZED");
    expect(jwksFetches()).toBe(1);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 31_000);
    await expectData(await call(newToken), 200);
    await expectData(await call(await issuer.sign(user.betterAuthUserId)), 200);
    expect(jwksFetches()).toBe(2);
  });
});
