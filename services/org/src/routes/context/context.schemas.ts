import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "@svc/contracts";
import { ContextDataSchema } from "../../core/context.schemas";

export const ContextSchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    jobId: IdSchema,
    crawlId: z.string().max(255).nullable(),
    contextType: z.enum(["ai_generated_summary", "heuristic_summary"]),
    structuredData: ContextDataSchema,
    model: z.string().max(255),
    generatedAt: TimestampSchema,
  })
  .openapi("OrganizationContext");

export const JobSchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    crawlId: z.string().max(255).nullable(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    attempts: z.number().int().min(0).max(100),
    lastError: z.string().max(500).nullable(),
    contextId: IdSchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("ContextJob");

export const TriggerSchema = z
  .object({ crawlId: z.string().min(1).max(255).optional() })
  .strict()
  .openapi("ContextTrigger");
