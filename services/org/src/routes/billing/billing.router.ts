import { createOrgRouter } from "../../lib/types";
import * as handlers from "./billing.handlers";
import * as routes from "./billing.routes";

export const billingRouter = createOrgRouter()
  .openapi(routes.entitlements, handlers.entitlements)
  .openapi(routes.checkout, handlers.checkout)
  .openapi(routes.portal, handlers.portal);
