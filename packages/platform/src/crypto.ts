const encoder = new TextEncoder();

const digest = async (value: string) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));

/** Configured secrets as bytes, kept per isolate so a request encodes only what it presents. */
const secretBytes = new Map<string, Uint8Array>();
/** Fingerprints of configured secrets, per isolate. */
const fingerprints = new Map<string, Promise<string>>();
const MAX_CACHED_SECRETS = 64;

function cached<T>(cache: Map<string, T>, secret: string, make: (secret: string) => T): T {
  let value = cache.get(secret);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED_SECRETS) cache.clear();
    value = make(secret);
    cache.set(secret, value);
  }
  return value;
}

/**
 * Constant-time equality of two byte strings. When the lengths differ the presented bytes are
 * compared with themselves, so both outcomes cost one comparison of the presented length (which
 * the caller chose) and the time says nothing about the expected value.
 */
function bytesEqual(presented: Uint8Array, expected: Uint8Array): boolean {
  if (presented.byteLength !== expected.byteLength) {
    crypto.subtle.timingSafeEqual(presented, presented);
    return false;
  }
  return crypto.subtle.timingSafeEqual(presented, expected);
}

/** Constant-time string comparison (the time depends only on the length of `presented`). */
export function safeEqual(presented: string, expected: string): boolean {
  return bytesEqual(encoder.encode(presented), encoder.encode(expected));
}

/**
 * Returns the first configured secret equal to `value`, checking every candidate so timing reveals
 * nothing. Synchronous: a request pays one encoding of what it presents, no digest.
 */
export function findSecret(value: string, candidates: readonly string[]): string | undefined {
  const presented = encoder.encode(value);
  let found: string | undefined;
  for (const candidate of candidates) {
    const expected = cached(secretBytes, candidate, (s) => encoder.encode(s));
    if (bytesEqual(presented, expected)) found ??= candidate;
  }
  return found;
}

export async function sha256Hex(value: string): Promise<string> {
  return toHex(await digest(value));
}

/** A short, stable, non-reversible name for a configured secret (logs, rate-limit keys). */
export function secretFingerprint(secret: string): Promise<string> {
  return cached(fingerprints, secret, async (s) => toHex(await digest(s)).slice(0, 12));
}

export const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
