import { z } from "@hono/zod-openapi";

export const AuthIdParams = z.object({
  betterAuthUserId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "betterAuthUserId", in: "path" }, example: "u_8f2k3l" }),
});
export const OrganizationIdParams = z.object({
  organizationId: z.uuid().openapi({
    param: { name: "organizationId", in: "path" },
    example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
  }),
});
