import { z } from "@hono/zod-openapi";
import { cursorQuery, IdSchema } from "@svc/contracts";

export const SearchEmailQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(320)
    .transform((q) => q.toLowerCase())
    .openapi({ description: "Email prefix, at least 2 characters", example: "ali" }),
  ...cursorQuery({ maxLimit: 50, maxCursorLength: 600 }).shape,
});

export const CheckEmailsSchema = z
  .object({
    emails: z.array(z.email().max(320)).min(1).max(100),
    organizationId: IdSchema.optional().openapi({
      description: "Only count live users who are members of this organization",
    }),
  })
  .strict()
  .openapi("CheckEmails");

export const CheckEmailsResultSchema = z
  .object({
    existing: z
      .array(z.string().max(320))
      .max(100)
      .openapi({ description: "Lower-cased emails that belong to a live user" }),
    missing: z.array(z.string().max(320)).max(100),
  })
  .openapi("CheckEmailsResult");
