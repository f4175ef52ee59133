import { createOrgRouter } from "../../lib/types";
import * as handlers from "./org-builders.handlers";
import * as routes from "./org-builders.routes";

export const orgBuildersRouter = createOrgRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.get, handlers.get)
  .openapi(routes.finalize, handlers.finalize);
