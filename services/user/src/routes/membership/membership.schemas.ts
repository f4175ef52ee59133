import { z } from "@hono/zod-openapi";
import { IdSchema, RoleSchema } from "@svc/contracts";

export const MembershipSchema = z
  .object({
    organizationId: IdSchema,
    role: RoleSchema,
    /** Compare-and-set: move only if the user is still in this organization (else 409). */
    fromOrganizationId: IdSchema.optional(),
  })
  .strict()
  .openapi("Membership");
