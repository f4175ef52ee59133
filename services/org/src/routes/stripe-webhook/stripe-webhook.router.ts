import { createOrgRouter } from "../../lib/types";
import * as handlers from "./stripe-webhook.handlers";
import * as routes from "./stripe-webhook.routes";

export const stripeWebhookRouter = createOrgRouter().openapi(routes.receive, handlers.receive);
