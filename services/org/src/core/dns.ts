import { z } from "zod";

export const DEFAULT_DNS_RESOLVER_URL = "https://cloudflare-dns.com/dns-query";
const DEFAULT_TIMEOUT_MS = 5_000;
const TXT = 16;
const NOERROR = 0;
const NXDOMAIN = 3;

/** The resolver did not answer usefully (network, timeout, SERVFAIL, a malformed body). */
export class ResolverError extends Error {
  override name = "ResolverError";
}

const DohAnswerSchema = z.object({
  Status: z.number(),
  Answer: z.array(z.object({ type: z.number(), data: z.string() })).optional(),
});

export type TxtLookup = { found: false } | { found: true; values: string[] };

/** A TXT record's data as DoH JSON gives it: one or more quoted strings, joined as one value. */
const txtValue = (data: string) => {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
  return parts.length > 0 ? parts.join("") : data;
};

/**
 * TXT records of `name` over DNS-over-HTTPS (the JSON API Cloudflare and Google serve). NXDOMAIN
 * is `{found: false}`; an answer without TXT records is `{found: true, values: []}`; anything
 * that says nothing about the record (no answer in time, SERVFAIL, a bad body) throws.
 */
export async function lookupTxt(env: OrgEnv, name: string): Promise<TxtLookup> {
  const url = new URL(env.DNS_RESOLVER_URL || DEFAULT_DNS_RESOLVER_URL);
  url.searchParams.set("name", name);
  url.searchParams.set("type", "TXT");
  const timeoutMs = Number(env.DNS_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  let body: unknown;
  try {
    const res = await fetch(url, {
      headers: { accept: "application/dns-json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new ResolverError(`resolver answered HTTP ${res.status}`);
    body = await res.json();
  } catch (err) {
    if (err instanceof ResolverError) throw err;
    throw new ResolverError("resolver unreachable or too slow", { cause: err });
  }
  const parsed = DohAnswerSchema.safeParse(body);
  if (!parsed.success) throw new ResolverError("resolver answered an unexpected body");
  const { Status, Answer = [] } = parsed.data;
  if (Status === NXDOMAIN) return { found: false };
  if (Status !== NOERROR) throw new ResolverError(`resolver answered DNS status ${Status}`);
  return { found: true, values: Answer.filter((a) => a.type === TXT).map((a) => txtValue(a.data)) };
}
