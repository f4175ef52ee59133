const encoder = new TextEncoder();

const digest = async (value: string) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));

/**
 * Constant-time string comparison. Both sides are hashed first so the comparison never
 * short-circuits on length, which `timingSafeEqual` would otherwise require to match.
 */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  return crypto.subtle.timingSafeEqual(x, y);
}

/** Returns the first candidate equal to `value`, checking every candidate so timing reveals nothing. */
export async function findSecret(value: string, candidates: readonly string[]): Promise<string | undefined> {
  let found: string | undefined;
  for (const candidate of candidates) {
    if (await safeEqual(value, candidate)) found ??= candidate;
  }
  return found;
}

export async function sha256Hex(value: string): Promise<string> {
  return [...(await digest(value))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}
