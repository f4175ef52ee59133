import { z } from "@hono/zod-openapi";
import { OrganizationSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";
import { Description, Name, SlugSchema, WebsiteUrl } from "../../core/organizations.schemas";

export const SlugParams = pathParams({ slug: z.string().min(1).max(255).openapi({ example: "acme" }) });

export const AuthIdParams = pathParams({
  betterAuthOrgId: z.string().min(1).max(255).openapi({ example: "ba_org_123" }),
});

export const UpdateOrganizationSchema = z
  .object({
    name: Name.optional(),
    slug: SlugSchema.optional(),
    description: Description.nullable().optional(),
    websiteUrl: WebsiteUrl.nullable().optional(),
    status: z.literal("active").optional().openapi({ description: "Activates a pending organization" }),
    subscriptionTier: z
      .enum(["free", "business", "enterprise"])
      .optional()
      .openapi({ description: "Service principals only: the tier by hand (enterprise contracts)" }),
    seats: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .openapi({ description: "Service principals only: the seat limit of a business or enterprise plan" }),
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
      "Words, each of which must be a prefix of a word of the name or the slug (words split on spaces, hyphens and punctuation; case- and accent-insensitive). Every character is text, never query syntax; a search without a letter or digit filters nothing. pagination.total is exact up to 1,000 matches; beyond that it is 1001 (a lower bound) and pages is computed from it.",
  }),
  sortBy: z.enum(["name", "createdAt", "updatedAt"]).optional().openapi({
    description:
      "Defaults to createdAt; a search defaults to its match order (creation order: newest first, or oldest first with sortOrder=asc). An explicit sortBy on a search that matches more than 1,000 organizations is refused (400).",
  }),
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
  data: z.array(OrganizationSchema).max(100),
  pagination: z.object({
    page: z.number().int().min(1).max(1_000_000),
    limit: z.number().int().min(1).max(100),
    total: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    pages: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    nextCursor: z.string().max(500).nullable(),
  }),
});
