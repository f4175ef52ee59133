import { z } from "@hono/zod-openapi";
import { IdSchema, RoleSchema } from "@svc/contracts";

export const MembershipSchema = z
  .object({ organizationId: IdSchema, role: RoleSchema })
  .strict()
  .openapi("Membership");
