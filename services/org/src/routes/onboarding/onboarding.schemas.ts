import { z } from "@hono/zod-openapi";
import { NameText, OrganizationSchema, UserSchema } from "@svc/contracts";
import { CreateApiKeySchema, CreatedApiKeySchema } from "../../core/api-keys.schemas";
import { CreateOrganizationSchema } from "../../core/organizations.schemas";

export const OnboardSchema = z
  .object({
    organization: CreateOrganizationSchema.omit({ kind: true, creatorId: true }),
    owner: z
      .object({
        betterAuthUserId: z.string().min(1).max(255),
        email: z.email().max(320),
        name: NameText(255),
      })
      .strict(),
    apiKey: CreateApiKeySchema.default({ name: "Default", scopes: [] }),
  })
  .strict()
  .openapi("Onboard");
export type Onboard = z.infer<typeof OnboardSchema>;

export const OnboardedSchema = z
  .object({ organization: OrganizationSchema, owner: UserSchema, apiKey: CreatedApiKeySchema })
  .openapi("Onboarded");
