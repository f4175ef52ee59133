import freeMailProviders from "email-providers/common.json";
import { parse } from "tldts-icann";

export type DomainRejection = "invalid" | "ip_literal" | "localhost" | "public_suffix" | "free_mail";

export const REJECTION_MESSAGES: Record<DomainRejection, string> = {
  invalid: "is not a valid domain name",
  ip_literal: "is an IP address, not a domain",
  localhost: "is localhost, not a public domain",
  public_suffix: "is a public suffix or has no registrable domain (e.g. co.uk)",
  free_mail: "belongs to a free email provider; its addresses are not one organization's",
};

const FREE_MAIL = new Set<string>(freeMailProviders);
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_LENGTH = 253;

/**
 * The one spelling a domain is stored and compared in: lower-case ASCII, IDN as punycode (the
 * WHATWG URL parser's IDNA, as browsers do), no trailing dot. Refuses what no organization can
 * own: IP literals, localhost, public suffixes (ICANN section of the list), free-mail domains.
 */
export function normalizeDomain(input: string): { domain: string } | { rejected: DomainRejection } {
  const trimmed = input.trim().replace(/\.$/, "");
  if (trimmed === "" || /[\s/\\?#@:[\]%]/.test(trimmed)) {
    return { rejected: /[:[\]]/.test(trimmed) ? "ip_literal" : "invalid" };
  }
  let host: string;
  try {
    host = new URL(`http://${trimmed}`).hostname.replace(/\.$/, "");
  } catch {
    return { rejected: "invalid" };
  }
  const parsed = parse(host, { extractHostname: false });
  if (parsed.isIp) return { rejected: "ip_literal" };
  if (host === "localhost" || host.endsWith(".localhost")) return { rejected: "localhost" };
  if (host.length > MAX_LENGTH || !host.split(".").every((label) => LABEL.test(label))) {
    return { rejected: "invalid" };
  }
  if (!parsed.domain) return { rejected: "public_suffix" };
  if (FREE_MAIL.has(host) || FREE_MAIL.has(parsed.domain)) return { rejected: "free_mail" };
  return { domain: host };
}

/** The domain part of an email address, normalised, or null when no organization could own it. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const result = normalizeDomain(email.slice(at + 1));
  return "domain" in result ? result.domain : null;
}
