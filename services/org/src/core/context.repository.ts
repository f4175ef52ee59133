import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { type ContextJobRow, contextJob, organizationContext } from "../db/schema";
import type { ContextData } from "./context.schemas";

export async function findJob(db: Db, id: string) {
  return (await db.query.contextJob.findFirst({ where: eq(contextJob.id, id) })) ?? null;
}

export const insertJob = (db: Db, row: typeof contextJob.$inferInsert) => db.insert(contextJob).values(row);

export async function markJob(
  db: Db,
  id: string,
  patch: Partial<Pick<ContextJobRow, "status" | "attempts" | "lastError">>,
) {
  await db
    .update(contextJob)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(contextJob.id, id));
}

/**
 * Stores the context and completes the job in one batch. The unique job id makes a redelivered
 * message a no-op: the insert is skipped and the job keeps pointing at the first row.
 */
export async function storeContext(
  db: Db,
  job: ContextJobRow,
  result: {
    id: string;
    data: ContextData;
    contextType: "ai_generated_summary" | "heuristic_summary";
    model: string;
  },
  attempts: number,
) {
  const now = Date.now();
  await db.batch([
    db
      .insert(organizationContext)
      .values({
        id: result.id,
        organizationId: job.organizationId,
        jobId: job.id,
        crawlId: job.crawlId,
        contextType: result.contextType,
        structuredData: JSON.stringify(result.data),
        model: result.model,
        generatedAt: now,
      })
      .onConflictDoNothing({ target: organizationContext.jobId }),
    db
      .update(contextJob)
      .set({ status: "succeeded", attempts, lastError: null, contextId: result.id, updatedAt: now })
      .where(and(eq(contextJob.id, job.id), inArray(contextJob.status, ["queued", "running"]))),
  ]);
}
