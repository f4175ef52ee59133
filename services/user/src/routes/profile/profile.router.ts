import { createUserRouter } from "../../lib/types";
import * as handlers from "./profile.handlers";
import * as routes from "./profile.routes";

export const profileRouter = createUserRouter()
  .openapi(routes.me, handlers.me)
  .openapi(routes.onboard, handlers.onboard)
  .openapi(routes.patchProfile, handlers.patchProfile);
