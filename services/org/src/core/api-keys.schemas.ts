import { z } from "@hono/zod-openapi";
import { IdSchema, NameText, TimestampSchema } from "@svc/contracts";

/** An API key's create body and its answers: the api-keys routes and onboarding both use them. */
const Scope = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_.:-]{0,63}$/, "lower-case scope name such as orders:read");

export const CreateApiKeySchema = z
  .object({
    name: NameText(100),
    scopes: z.array(Scope).max(32).default([]),
  })
  .strict()
  .openapi("CreateApiKey");
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;

export const ApiKeySchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    name: z.string().max(100),
    prefix: z.string().max(32),
    scopes: z.array(Scope).max(32),
    createdAt: TimestampSchema,
    lastUsedAt: TimestampSchema.nullable(),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().max(200).openapi({ description: "The plain key; shown once, never retrievable again" }),
}).openapi("CreatedApiKey");
