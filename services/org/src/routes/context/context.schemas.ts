import { z } from "@hono/zod-openapi";
import { ContextDataSchema } from "../../core/context.schemas";

export const ContextSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    jobId: z.uuid(),
    crawlId: z.string().nullable(),
    contextType: z.enum(["ai_generated_summary", "heuristic_summary"]),
    structuredData: ContextDataSchema,
    model: z.string(),
    generatedAt: z.iso.datetime(),
  })
  .openapi("OrganizationContext");

export const JobSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    crawlId: z.string().nullable(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    contextId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("ContextJob");

export const TriggerSchema = z
  .object({ crawlId: z.string().min(1).max(255).optional() })
  .strict()
  .openapi("ContextTrigger");
