import { randomToken, sha256Hex, toHex } from "@svc/platform";

const KEY = /^sk_live_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * `sk_live_<prefix>_<secret>`: the prefix finds the row, the secret is 256 random bits. A fast
 * hash is right for a key of that entropy (nothing to brute-force), so SHA-256 is stored.
 */
export async function mintApiKey() {
  const prefix = toHex(crypto.getRandomValues(new Uint8Array(6)));
  const key = `sk_live_${prefix}_${randomToken(32)}`;
  return { prefix, key, hash: await sha256Hex(key) };
}

export const prefixOf = (key: string) => KEY.exec(key)?.[1] ?? null;
