import { stubOutbound } from "@svc/platform/testing";
import { afterEach, beforeEach, vi } from "vitest";
import { DEFAULT_DNS_RESOLVER_URL } from "../src/core/dns";

/** How the stand-in resolver answers for one name. */
export type DnsAnswer = { txt: string[] } | "nxdomain" | "servfail" | "no-txt" | "timeout";

/**
 * A stand-in DNS-over-HTTPS resolver at the fetch boundary, answering Cloudflare's JSON format
 * from `records` (keyed by the queried name); names it does not know are NXDOMAIN. `queries`
 * keeps every name asked, with the accept header sent.
 */
export function standInResolver() {
  const records = new Map<string, DnsAnswer>();
  const queries: { name: string; type: string; accept: string | null }[] = [];
  beforeEach(() => {
    stubOutbound(null, {
      [DEFAULT_DNS_RESOLVER_URL]: (req) => {
        const url = new URL(req.url);
        const name = url.searchParams.get("name") ?? "";
        queries.push({ name, type: url.searchParams.get("type") ?? "", accept: req.headers.get("accept") });
        const answer = records.get(name) ?? "nxdomain";
        if (answer === "timeout") {
          return new Promise<Response>((_, reject) =>
            req.signal.addEventListener("abort", () => reject(req.signal.reason)),
          );
        }
        const question = [{ name, type: 16 }];
        if (answer === "nxdomain") return Response.json({ Status: 3, Question: question });
        if (answer === "servfail") return Response.json({ Status: 2, Question: question });
        if (answer === "no-txt") {
          return Response.json({
            Status: 0,
            Question: question,
            Answer: [{ name, type: 5, TTL: 300, data: "elsewhere.example." }],
          });
        }
        return Response.json({
          Status: 0,
          Question: question,
          Answer: answer.txt.map((value) => ({ name, type: 16, TTL: 300, data: JSON.stringify(value) })),
        });
      },
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return { records, queries };
}
