import { z } from "@hono/zod-openapi";
import { RoleSchema } from "@svc/contracts";

export const RoleBodySchema = z.object({ role: RoleSchema }).strict().openapi("RoleChange");
