const encoder = new TextEncoder();

const digest = async (value: string) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));

/** Digests of configured secrets, kept per isolate so a request hashes only what it presents. */
const secretDigests = new Map<string, Promise<Uint8Array>>();
const MAX_CACHED_SECRETS = 64;
function secretDigest(secret: string): Promise<Uint8Array> {
  let cached = secretDigests.get(secret);
  if (!cached) {
    if (secretDigests.size >= MAX_CACHED_SECRETS) secretDigests.clear();
    cached = digest(secret);
    secretDigests.set(secret, cached);
  }
  return cached;
}

/**
 * Constant-time string comparison. Both sides are hashed first so the comparison never
 * short-circuits on length, which `timingSafeEqual` would otherwise require to match.
 */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  return crypto.subtle.timingSafeEqual(x, y);
}

/**
 * Returns the first configured secret equal to `value`, checking every candidate so timing reveals
 * nothing. The candidates' digests are cached per isolate; only `value` is hashed per call.
 */
export async function findSecret(value: string, candidates: readonly string[]): Promise<string | undefined> {
  const presented = await digest(value);
  let found: string | undefined;
  for (const candidate of candidates) {
    if (crypto.subtle.timingSafeEqual(presented, await secretDigest(candidate))) found ??= candidate;
  }
  return found;
}

export async function sha256Hex(value: string): Promise<string> {
  return toHex(await digest(value));
}

/** A short, stable, non-reversible name for a configured secret (logs, rate-limit keys). */
export async function secretFingerprint(secret: string): Promise<string> {
  return toHex(await secretDigest(secret)).slice(0, 12);
}

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
