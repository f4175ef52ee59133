import { createUserRouter } from "../../lib/types";
import * as handlers from "./billing-builders.handlers";
import * as routes from "./billing-builders.routes";

export const billingBuildersRouter = createUserRouter().openapi(
  routes.listBillingBuilders,
  handlers.listBillingBuilders,
);
