import { toIsoOrNull } from "@svc/platform";
import type { OrganizationDomainRow } from "../db/schema";
import type { TxtLookup } from "./dns";
import type { DomainFailure } from "./domains.repository";

/** The TXT record an organization publishes to prove it controls `domain`. */
export const recordNameOf = (domain: string) => `_org-verification.${domain}`;

export const toDomain = (row: OrganizationDomainRow) => ({
  domain: row.domain,
  state: row.state,
  verification: {
    recordName: recordNameOf(row.domain),
    recordType: "TXT" as const,
    recordValue: row.verificationToken,
  },
  failureReason: (row.failureReason ?? null) as DomainFailure | null,
  verifiedAt: toIsoOrNull(row.verifiedAt),
  lastCheckedAt: toIsoOrNull(row.lastCheckedAt),
  autoJoin: row.autoJoin,
});

/** What a lookup says about the token: found, or why not. */
export function checkToken(
  lookup: TxtLookup,
  token: string,
): { ok: true } | { ok: false; reason: DomainFailure } {
  if (!lookup.found) return { ok: false, reason: "nxdomain" };
  if (lookup.values.length === 0) return { ok: false, reason: "no_txt_record" };
  return lookup.values.includes(token) ? { ok: true } : { ok: false, reason: "token_mismatch" };
}
