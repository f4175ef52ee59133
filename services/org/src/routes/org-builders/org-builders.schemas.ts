import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";
import { CreateOrganizationSchema } from "../../core/organizations.schemas";

const DAY_S = 24 * 60 * 60;

export const CreateOrgBuilderSchema = CreateOrganizationSchema.omit({ creatorId: true })
  .partial()
  .extend({
    ownerUserId: IdSchema.optional().openapi({ description: "Becomes the org's creatorId" }),
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * DAY_S)
      .default(7 * DAY_S),
  })
  .strict()
  .openapi("CreateOrgBuilder");

export const OrgBuilderSchema = z
  .object({
    id: IdSchema,
    name: z.string().max(255).nullable(),
    slug: z.string().max(63).nullable(),
    description: z.string().max(5000).nullable(),
    websiteUrl: z.string().max(2048).nullable(),
    kind: z.enum(["personal", "business"]).nullable(),
    betterAuthOrgId: z.string().max(255).nullable(),
    ownerUserId: IdSchema.nullable(),
    createdAt: TimestampSchema,
    expiresAt: TimestampSchema,
    finalizedOrgId: IdSchema.nullable(),
  })
  .openapi("OrgBuilder");

export const BuilderParams = pathParams({ id: IdSchema });
