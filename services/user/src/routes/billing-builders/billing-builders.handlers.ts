import { createServiceCaller, unexpectedAnswer } from "@svc/platform";
import type { AppRouteHandler } from "../../lib/types";
import { BillingBuildersPageSchema, type ListBillingBuildersRoute } from "./billing-builders.routes";

const NAME = "billing service";

export const listBillingBuilders: AppRouteHandler<ListBillingBuildersRoute> = async (c) => {
  const call = createServiceCaller(c, { name: NAME, baseUrl: c.env.BILLING_SERVICE_URL, timeoutMs: 5_000 });
  const res = await call("GET", "/api/v1/billing-builders", {
    query: c.req.query(),
    organizationId: c.req.header("x-organization-id"),
  });
  const page = BillingBuildersPageSchema.safeParse(res.body);
  if (res.status !== 200 || !page.success) throw unexpectedAnswer(NAME, res.status);
  return c.json(page.data, 200);
};
