import { userServiceClient } from "@svc/contracts";
import { createServiceCaller } from "@svc/platform";
import type { Context } from "hono";
import type { OrgAppEnv } from "./types";

/** The typed user-service client: the USER_SERVICE binding when bound, else USER_SERVICE_URL. */
export const userService = (c: Context<OrgAppEnv>) =>
  userServiceClient(
    createServiceCaller(c, {
      name: "user service",
      binding: c.env.USER_SERVICE,
      baseUrl: c.env.USER_SERVICE_URL,
      timeoutMs: 5_000,
    }),
  );
