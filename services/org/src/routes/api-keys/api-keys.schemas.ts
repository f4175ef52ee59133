import { z } from "@hono/zod-openapi";
import { IdSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

export const KeyParams = pathParams({ id: IdSchema, keyId: IdSchema });

export const VerifyApiKeySchema = z
  .object({ key: z.string().min(1).max(200) })
  .strict()
  .openapi("VerifyApiKey");

export const VerifiedApiKeySchema = z
  .object({ organizationId: IdSchema, scopes: z.array(z.string().max(64)).max(32), keyId: IdSchema })
  .openapi("VerifiedApiKey");
