import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "./common";

export const OrganizationSchema = z
  .object({
    id: IdSchema,
    betterAuthOrgId: z.string().max(255).nullable(),
    name: z.string().max(255),
    slug: z.string().max(63),
    description: z.string().max(5000).nullable(),
    logoUrl: z.string().max(2048).nullable(),
    websiteUrl: z.string().max(2048).nullable(),
    status: z.enum(["pending", "active"]),
    kind: z.enum(["personal", "business"]),
    subscriptionTier: z.enum(["free", "business", "enterprise"]),
    subscriptionStatus: z.enum(["none", "active", "trialing", "paused", "past_due", "canceled"]),
    seats: z.number().int().min(0).max(1_000_000).nullable(),
    creatorId: IdSchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("Organization");
export type Organization = z.infer<typeof OrganizationSchema>;

/** What the user service sends `POST /organizations` to give a new user its own workspace. */
export const CreatePersonalOrganizationSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    kind: z.literal("personal"),
    creatorId: IdSchema,
  })
  .strict();
export type CreatePersonalOrganization = z.infer<typeof CreatePersonalOrganizationSchema>;
