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

/** What the auth service's user-updated hook sends: the identity's email and name, as Better Auth now has them. */
export const IdentityPatchSchema = z
  .object({ email: z.email().max(320).optional(), name: OptionalNameText(255).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field" })
  .openapi("IdentityPatch");
