import { z } from "@hono/zod-openapi";
import { IdSchema, OptionalNameText, UserSchema } from "@svc/contracts";

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

/** Present when the new user's email domain is verified by an organization with auto-join on. */
export const AutoJoinOutcomeSchema = z
  .object({
    organizationId: IdSchema,
    domain: z.string().max(253),
    joined: z.boolean(),
    /** Why the user got a personal organization instead; null when they joined. */
    reason: z.enum(["seat_limit_reached", "domain_no_longer_auto_joins"]).nullable(),
  })
  .openapi("AutoJoinOutcome");
export type AutoJoinOutcome = z.infer<typeof AutoJoinOutcomeSchema>;

export const SyncResponseSchema = z
  .object({ data: UserSchema, autoJoin: AutoJoinOutcomeSchema.optional() })
  .openapi("SyncResponse");

/** What the auth service's user-updated hook sends: the identity's email and name, as Better Auth now has them. */
export const IdentityPatchSchema = z
  .object({ email: z.email().max(320).optional(), name: OptionalNameText(255).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field" })
  .openapi("IdentityPatch");
