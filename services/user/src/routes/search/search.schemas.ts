import { z } from "@hono/zod-openapi";

export const SearchEmailQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(320)
    .transform((q) => q.toLowerCase())
    .openapi({ description: "Email prefix, at least 2 characters", example: "ali" }),
  cursor: z
    .string()
    .min(1)
    .max(600)
    .optional()
    .openapi({ description: "Opaque cursor from the previous page" }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const CheckEmailsSchema = z
  .object({ emails: z.array(z.email().max(320)).min(1).max(100) })
  .strict()
  .openapi("CheckEmails");

export const CheckEmailsResultSchema = z
  .object({
    existing: z.array(z.string()).openapi({ description: "Lower-cased emails that belong to a live user" }),
    missing: z.array(z.string()),
  })
  .openapi("CheckEmailsResult");
