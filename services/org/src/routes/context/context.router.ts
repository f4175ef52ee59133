import { createOrgRouter } from "../../lib/types";
import * as handlers from "./context.handlers";
import * as routes from "./context.routes";

export const contextRouter = createOrgRouter()
  .openapi(routes.get, handlers.get)
  .openapi(routes.trigger, handlers.trigger);
