import { createOrgRouter } from "../../lib/types";
import * as handlers from "./onboarding.handlers";
import * as routes from "./onboarding.routes";

export const onboardingRouter = createOrgRouter().openapi(routes.onboard, handlers.onboard);
