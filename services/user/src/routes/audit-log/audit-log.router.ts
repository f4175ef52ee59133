import { createUserRouter } from "../../lib/types";
import * as handlers from "./audit-log.handlers";
import * as routes from "./audit-log.routes";

export const auditLogRouter = createUserRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.purge, handlers.purge);
