import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { contextJob, organizationContext } from "../../db/schema";

export async function latestContext(db: Db, organizationId: string) {
  const row = await db.query.organizationContext.findFirst({
    where: eq(organizationContext.organizationId, organizationId),
    orderBy: desc(organizationContext.generatedAt),
  });
  return row ?? null;
}

export async function latestJob(db: Db, organizationId: string) {
  const row = await db.query.contextJob.findFirst({
    where: eq(contextJob.organizationId, organizationId),
    orderBy: [desc(contextJob.createdAt), desc(contextJob.id)],
  });
  return row ?? null;
}

export async function activeJob(db: Db, organizationId: string) {
  const row = await db.query.contextJob.findFirst({
    where: and(
      eq(contextJob.organizationId, organizationId),
      inArray(contextJob.status, ["queued", "running"]),
    ),
  });
  return row ?? null;
}
