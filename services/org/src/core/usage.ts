import { and, count, eq, gt, isNull, notInArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKey, contextJob } from "../db/schema";

export type QuotaFeature = "apiKeys" | "context";

/**
 * How much of a quota an organization has used.
 * - apiKeys: keys not revoked.
 * - context: jobs created in the last `periodMs` that are no longer in flight (a queued or running
 *   job is answered again by the trigger, so it does not spend the quota twice).
 */
export async function usageOf(
  db: Db,
  feature: QuotaFeature,
  organizationId: string,
  now: number,
  periodMs: number,
): Promise<number> {
  const [row] =
    feature === "apiKeys"
      ? await db
          .select({ n: count() })
          .from(apiKey)
          .where(and(eq(apiKey.organizationId, organizationId), isNull(apiKey.revokedAt)))
      : await db
          .select({ n: count() })
          .from(contextJob)
          .where(
            and(
              eq(contextJob.organizationId, organizationId),
              gt(contextJob.createdAt, now - periodMs),
              notInArray(contextJob.status, ["queued", "running"]),
            ),
          );
  return row?.n ?? 0;
}
