import { z } from "@hono/zod-openapi";
import { errorsFor } from "@svc/platform";
import { guardedRoute } from "../../lib/access";

export const BillingBuildersPageSchema = z
  .looseObject({ data: z.unknown() })
  .openapi("BillingBuilders", { description: "The billing service's answer, passed through" });

export const listBillingBuilders = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "get",
    path: "/api/v1/billing-builders",
    tags: ["Billing builders"],
    operationId: "listBillingBuilders",
    summary: "List billing builders",
    description:
      "Service only: a proxy to the billing service (the query and X-Organization-Id are forwarded); 503 when " +
      "the billing service is not configured or fails.",
    responses: {
      200: {
        description: "The billing service's answer",
        content: { "application/json": { schema: BillingBuildersPageSchema } },
      },
      ...errorsFor("SERVICE_UNAVAILABLE"),
    },
  },
);

export type ListBillingBuildersRoute = typeof listBillingBuilders;
