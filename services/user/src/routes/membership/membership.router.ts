import { createUserRouter } from "../../lib/types";
import * as handlers from "./membership.handlers";
import * as routes from "./membership.routes";

export const membershipRouter = createUserRouter()
  .openapi(routes.putMembership, handlers.putMembership)
  .openapi(routes.moveOutCheck, handlers.moveOutCheck);
