import { z } from "@hono/zod-openapi";
import { IdSchema, OptionalNameText, PermissionsSchema, RoleSchema, TimestampSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

const DAY_SECONDS = 86_400;

/** The partial user a draft collects; every field is checked again, in full, at finalize. */
export const DraftSchema = z
  .object({
    betterAuthUserId: z.string().min(1).max(255).optional(),
    email: z.email().max(320).optional(),
    name: OptionalNameText(255).optional(),
    organizationId: IdSchema.nullable().optional(),
    role: RoleSchema.optional(),
    permissions: PermissionsSchema.optional(),
  })
  .strict()
  .openapi("UserDraft");
export type Draft = z.infer<typeof DraftSchema>;

export const CreateBuilderSchema = DraftSchema.extend({
  expiresInSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * DAY_SECONDS)
    .default(DAY_SECONDS),
})
  .strict()
  .openapi("CreateUserBuilder");

/** What a draft must hold to become a user. */
export const FinalDraftSchema = z.object({
  betterAuthUserId: z.string().min(1).max(255),
  email: z.email().max(320),
  name: OptionalNameText(255).default(""),
  organizationId: IdSchema.nullable().default(null),
  role: RoleSchema.default("member"),
  permissions: PermissionsSchema.optional(),
});

export const UserBuilderSchema = z
  .object({
    id: IdSchema,
    draft: DraftSchema,
    expiresAt: TimestampSchema,
    finalizedUserId: IdSchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("UserBuilder");

export const BuilderIdParams = pathParams({ id: IdSchema });
