import { z } from "@hono/zod-openapi";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const SlugSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(SLUG_PATTERN, "lower-case letters, digits and single hyphens")
  .openapi({ example: "acme" });

export const OrgIdParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: "id", in: "path" }, example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d" }),
});

export const CreateOrganizationSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    slug: SlugSchema.optional(),
    description: z.string().max(5000).optional(),
    websiteUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    betterAuthOrgId: z.string().min(1).max(255).optional(),
  })
  .strict()
  .openapi("CreateOrganization");
export type CreateOrganization = z.infer<typeof CreateOrganizationSchema>;
