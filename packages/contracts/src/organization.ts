import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "./common";

export const OrganizationSchema = z
  .object({
    id: IdSchema,
    betterAuthOrgId: z.string().nullable(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    logoUrl: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    status: z.enum(["pending", "active"]),
    kind: z.enum(["personal", "business"]),
    subscriptionTier: z.enum(["free", "business", "enterprise"]),
    subscriptionStatus: z.enum(["none", "active", "trialing", "paused", "past_due", "canceled"]),
    seats: z.number().int().nullable(),
    creatorId: z.string().nullable(),
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

/** `GET /organizations/by-domain/{domain}`: the organization new users of that email domain join. */
export const AutoJoinTargetSchema = z
  .object({
    organization: OrganizationSchema,
    domain: z.string(),
    /** Live members the organization may have before auto-join stops; null is no limit. */
    seatLimit: z.number().int().nullable(),
  })
  .openapi("AutoJoinTarget");
export type AutoJoinTarget = z.infer<typeof AutoJoinTargetSchema>;

/** `POST /organizations/{id}/domains/{domain}/joins`: the user service reports an auto-join. */
export const AutoJoinRecordSchema = z.object({ userId: IdSchema }).strict().openapi("AutoJoinRecord");
export type AutoJoinRecord = z.infer<typeof AutoJoinRecordSchema>;
