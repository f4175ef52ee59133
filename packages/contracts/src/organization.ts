import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "./common";
import { NameText } from "./text";

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
    name: NameText(255),
    kind: z.literal("personal"),
    creatorId: IdSchema,
  })
  .strict();
export type CreatePersonalOrganization = z.infer<typeof CreatePersonalOrganizationSchema>;

/** `GET /organizations/by-domain/{domain}`: the organization new users of that email domain join. */
export const AutoJoinTargetSchema = z
  .object({
    organization: OrganizationSchema,
    domain: z.string().max(253),
    /** Live members the organization's plan allows; auto-join stops there. */
    seatLimit: z.number().int().min(0).max(1_000_000),
  })
  .openapi("AutoJoinTarget");
export type AutoJoinTarget = z.infer<typeof AutoJoinTargetSchema>;

/** `POST /organizations/{id}/domains/{domain}/joins`: the user service reports an auto-join. */
export const AutoJoinRecordSchema = z.object({ userId: IdSchema }).strict().openapi("AutoJoinRecord");
export type AutoJoinRecord = z.infer<typeof AutoJoinRecordSchema>;
/**
 * An organization's lifecycle state (`GET /organizations/{id}/lifecycle`, service): `deleted`
 * orgs can be restored until `restorableUntil`, after which the purge job removes them (then 404).
 */
export const OrganizationLifecycleSchema = z
  .object({
    id: IdSchema,
    state: z.enum(["active", "deleted"]),
    deletedAt: TimestampSchema.nullable(),
    restorableUntil: TimestampSchema.nullable(),
  })
  .openapi("OrganizationLifecycle");
export type OrganizationLifecycle = z.infer<typeof OrganizationLifecycleSchema>;
