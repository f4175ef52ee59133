import { z } from "@hono/zod-openapi";
import { OptionalNameText } from "@svc/contracts";

/** Exactly what the auth service's user-created hook sends. */
export const SyncUserSchema = z
  .object({
    betterAuthUserId: z.string().min(1).max(255),
    email: z.email().max(320),
    name: OptionalNameText(255).default(""),
  })
  .strict()
  .openapi("SyncUser");
export type SyncUser = z.infer<typeof SyncUserSchema>;
