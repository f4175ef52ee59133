import { createUserRouter } from "../../lib/types";
import * as handlers from "./sync.handlers";
import * as routes from "./sync.routes";

export const syncRouter = createUserRouter()
  .openapi(routes.sync, handlers.sync)
  .openapi(routes.updateIdentity, handlers.updateIdentity);
