import { z } from "@hono/zod-openapi";
import { IdSchema } from "@svc/contracts";

export const KeyParams = z.object({
  id: IdSchema.openapi({ param: { name: "id", in: "path" } }),
  keyId: IdSchema.openapi({ param: { name: "keyId", in: "path" } }),
});

export const VerifyApiKeySchema = z
  .object({ key: z.string().min(1).max(200) })
  .strict()
  .openapi("VerifyApiKey");

export const VerifiedApiKeySchema = z
  .object({ organizationId: IdSchema, scopes: z.array(z.string()), keyId: IdSchema })
  .openapi("VerifiedApiKey");
