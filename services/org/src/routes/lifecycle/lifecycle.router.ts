import { createOrgRouter } from "../../lib/types";
import * as handlers from "./lifecycle.handlers";
import * as routes from "./lifecycle.routes";

export const lifecycleRouter = createOrgRouter()
  .openapi(routes.restore, handlers.restore)
  .openapi(routes.transferOwnership, handlers.transferOwnership)
  .openapi(routes.lifecycle, handlers.lifecycle);
