import { z } from "@hono/zod-openapi";
import { IdSchema, RoleSchema, TimestampSchema } from "./common";

const Toggle = z.object({ enabled: z.boolean() });

export const PermissionsSchema = z
  .object({
    chat: z.object({
      enabled: z.boolean(),
      components: z.array(z.string().min(1).max(64)).max(50),
      lookbackWindow: z.number().int().min(0).max(3650),
    }),
    interactions: Toggle,
    patterns: Toggle,
    teamManagement: Toggle,
    apiKeyManagement: Toggle,
  })
  .strict()
  .openapi("Permissions");
export type Permissions = z.infer<typeof PermissionsSchema>;

export const UserSchema = z
  .object({
    id: IdSchema,
    betterAuthUserId: z.string(),
    organizationId: IdSchema.nullable(),
    email: z.email(),
    name: z.string(),
    profilePictureUrl: z.string().nullable(),
    onboardingId: z.string().nullable(),
    permissions: PermissionsSchema,
    status: z.enum(["pending", "active"]),
    role: RoleSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("User");
export type User = z.infer<typeof UserSchema>;
