import { batchWrite } from "../core/batch";
import { lookupTxt, ResolverError } from "../core/dns";
import { checkToken, recordNameOf } from "../core/domains.dto";
import { dueForRecheck, type RecheckRow, recheckStatement } from "../core/domains.repository";
import { systemWriter } from "../core/writer";
import { createDb } from "../db/client";

const DAY_MS = 24 * 60 * 60_000;
/** Domains looked up per run (each is one DoH request); a backlog drains over the next runs. */
export const RECHECK_BATCH = 25;
/** Missed checks in a row before a verified domain goes back to pending. */
export const MAX_MISSES = 3;

type Counts = { checked: number; kept: number; missed: number; lapsed: number; resolverErrors: number };

/**
 * Re-checks verified domains last checked more than a day ago, oldest first. A found token keeps
 * the domain; a missing one counts a miss, and the third in a row sends the domain back to pending
 * with auto-join off (audited). A resolver failure is no verdict: the domain is left as it was and
 * comes up again on the next run.
 */
export async function recheckDomains(env: OrgEnv, now: number): Promise<Counts> {
  const db = createDb(env.DB);
  const writer = systemWriter(db, "job", `domain-recheck:${now}`);
  const counts: Counts = { checked: 0, kept: 0, missed: 0, lapsed: 0, resolverErrors: 0 };
  for (const row of await dueForRecheck(db, now - DAY_MS, RECHECK_BATCH)) {
    const lookup = await lookupTxt(env, recordNameOf(row.domain)).catch((err: unknown) => {
      if (err instanceof ResolverError) return null;
      throw err;
    });
    if (!lookup) {
      counts.resolverErrors += 1;
      continue;
    }
    counts.checked += 1;
    const outcome = checkToken(lookup, row.verificationToken).ok
      ? "hit"
      : row.consecutiveMisses + 1 >= MAX_MISSES
        ? "lapse"
        : "miss";
    await batchWrite(writer, [recheck(writer.db, row, outcome, now)], now);
    counts[outcome === "hit" ? "kept" : outcome === "miss" ? "missed" : "lapsed"] += 1;
  }
  return counts;
}

const recheck = (
  db: Parameters<typeof recheckStatement>[0],
  row: RecheckRow,
  outcome: "hit" | "miss" | "lapse",
  now: number,
) => ({
  statement: recheckStatement(db, row, outcome, now),
  ...(outcome === "lapse"
    ? {
        audit: {
          organizationId: row.organizationId,
          action: "domain.lapse",
          resourceType: "organization_domain",
          resourceId: row.domain,
          metadata: { misses: MAX_MISSES },
        },
      }
    : {}),
});
