import { z } from "@hono/zod-openapi";
import { FreeText, IdSchema, NameText } from "@svc/contracts";
import { SLUG_PATTERN } from "./slug";

/** The organization's field rules: the create body every way in (API, onboarding, builders) takes. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(SLUG_PATTERN, "lower-case letters, digits and single hyphens")
  .openapi({ example: "acme" });

export const WebsiteUrl = z.url({ protocol: /^https?$/ }).max(2048);
export const Name = NameText(255);
export const Description = FreeText(5000);

export const CreateOrganizationSchema = z
  .object({
    name: Name,
    slug: SlugSchema.optional(),
    description: Description.optional(),
    websiteUrl: WebsiteUrl.optional(),
    betterAuthOrgId: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .openapi({ description: "Service only: auth-service sync; a known id returns the existing org (200)" }),
    kind: z
      .enum(["personal", "business"])
      .optional()
      .openapi({ description: "Service only; default business" }),
    creatorId: IdSchema.optional().openapi({ description: "Service only: the owner's internal user id" }),
  })
  .strict()
  .openapi("CreateOrganization");
export type CreateOrganization = z.infer<typeof CreateOrganizationSchema>;
