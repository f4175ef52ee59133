import { toIso } from "@svc/platform";
import type { ContextData } from "../../core/context.schemas";
import type { ContextJobRow, OrganizationContextRow } from "../../db/schema";

export const toContext = (row: OrganizationContextRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  jobId: row.jobId,
  crawlId: row.crawlId,
  contextType: row.contextType,
  structuredData: JSON.parse(row.structuredData) as ContextData,
  model: row.model,
  generatedAt: toIso(row.generatedAt),
});

export const toJob = (row: ContextJobRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  crawlId: row.crawlId,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  contextId: row.contextId,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
