import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "@svc/contracts";

export const AuditEntrySchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    actor: z.object({ type: z.enum(["service", "user", "system"]), id: z.string().max(255) }),
    action: z.string().max(100).openapi({ example: "organization.update" }),
    resource: z.object({ type: z.string().max(64), id: z.string().max(255) }),
    requestId: z.string().max(128),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    at: TimestampSchema,
  })
  .openapi("AuditEntry");
