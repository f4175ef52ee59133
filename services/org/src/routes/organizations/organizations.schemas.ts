import { z } from "@hono/zod-openapi";
import { OrganizationSchema } from "@svc/contracts";
import { SLUG_PATTERN } from "../../core/slug";

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

export const SlugParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "slug", in: "path" }, example: "acme" }),
});

export const AuthIdParams = z.object({
  betterAuthOrgId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "betterAuthOrgId", in: "path" }, example: "ba_org_123" }),
});

const WebsiteUrl = z.url({ protocol: /^https?$/ }).max(2048);
const Name = z.string().trim().min(1).max(255);
const Description = z.string().max(5000);

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
    creatorId: z.uuid().optional().openapi({ description: "Service only: the owner's internal user id" }),
  })
  .strict()
  .openapi("CreateOrganization");
export type CreateOrganization = z.infer<typeof CreateOrganizationSchema>;

export const UpdateOrganizationSchema = z
  .object({
    name: Name.optional(),
    slug: SlugSchema.optional(),
    description: Description.nullable().optional(),
    websiteUrl: WebsiteUrl.nullable().optional(),
    status: z.literal("active").optional().openapi({ description: "Activates a pending organization" }),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field" })
  .openapi("UpdateOrganization");

export const CheckSlugSchema = z
  .object({
    available: z.boolean(),
    reason: z.enum(["format", "reserved", "taken"]).optional(),
  })
  .openapi("SlugAvailability");

export const ListQuerySchema = z.object({
  search: z.string().trim().min(1).max(100).optional().openapi({
    description:
      "Case-insensitive prefix of the name or the slug. With a search, pagination.total is exact up to 10,000 matches; beyond that it is 10001 (a lower bound) and pages is computed from it.",
  }),
  sortBy: z.enum(["name", "createdAt", "updatedAt"]).default("createdAt"),
  sortOrder: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "nextCursor of the previous page: the next page by index seek, not offset" }),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const OrganizationPageSchema = z.object({
  data: z.array(OrganizationSchema),
  pagination: z.object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
    nextCursor: z.string().nullable(),
  }),
});
