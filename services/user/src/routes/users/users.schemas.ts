import { z } from "@hono/zod-openapi";
import { pathParams } from "@svc/platform";

export const AuthIdParams = pathParams({
  betterAuthUserId: z.string().min(1).max(255).openapi({ example: "u_8f2k3l" }),
});
