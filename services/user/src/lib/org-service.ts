import { orgServiceClient } from "@svc/contracts";
import { createServiceCaller } from "@svc/platform";
import type { Context } from "hono";
import type { UserAppEnv } from "./types";

/** The typed org-service client: the ORG_SERVICE binding when bound, else ORG_SERVICE_URL. */
export const orgService = (c: Context<UserAppEnv>) =>
  orgServiceClient(
    createServiceCaller(c, {
      name: "org service",
      binding: c.env.ORG_SERVICE,
      baseUrl: c.env.ORG_SERVICE_URL,
      timeoutMs: 5_000,
    }),
  );
