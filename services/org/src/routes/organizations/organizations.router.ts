import { createOrgRouter } from "../../lib/types";
import * as handlers from "./organizations.handlers";
import * as routes from "./organizations.routes";

export const organizationsRouter = createOrgRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.get, handlers.get);
