import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "@svc/contracts";

export const AuditEntrySchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    actor: z.object({ type: z.enum(["service", "user", "system"]), id: z.string() }),
    action: z.string().openapi({ example: "organization.update" }),
    resource: z.object({ type: z.string(), id: z.string() }),
    requestId: z.string(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    at: TimestampSchema,
  })
  .openapi("AuditEntry");
