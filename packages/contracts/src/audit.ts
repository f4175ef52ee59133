import { z } from "@hono/zod-openapi";
import { cursorPage, IdSchema, TimestampSchema } from "./common";

/** One audit entry, as both services store and answer it (ids are UUIDv7: id order is time order). */
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
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = cursorPage(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** `POST /audit-log/purge`: the org service's retention job removes entries older than `before`. */
export const AuditPurgeSchema = z
  .object({
    before: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    limit: z.number().int().min(1).max(1000),
  })
  .strict()
  .openapi("AuditPurge");
export type AuditPurge = z.infer<typeof AuditPurgeSchema>;
