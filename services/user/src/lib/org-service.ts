import { orgServiceClient } from "@svc/contracts";
import { createServiceCaller, notFound } from "@svc/platform";
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

/** Users are only ever placed in an organization the org service holds live: 404 otherwise. */
export async function assertLiveOrganization(c: Context<UserAppEnv>, organizationId: string) {
  if (!(await orgService(c).getOrganization(organizationId))) throw notFound("Organization");
}
