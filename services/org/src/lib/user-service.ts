import { userServiceClient } from "@svc/contracts/user-service";
import { createServiceFetch } from "@svc/platform";
import type { Context } from "hono";
import type { OrgAppEnv } from "./types";

/** Outside a request (a scheduled job), the caller names its env and the request id it logs under. */
type Source = Context<OrgAppEnv> | { env: OrgEnv; requestId: string };

/** The typed user-service client: the USER_SERVICE binding when bound, else USER_SERVICE_URL. */
export const userService = (source: Source) =>
  userServiceClient(
    createServiceFetch(source, {
      name: "user service",
      binding: source.env.USER_SERVICE,
      baseUrl: source.env.USER_SERVICE_URL,
      timeoutMs: 5_000,
    }),
  );
