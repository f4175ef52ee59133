import { createUserRouter } from "../../lib/types";
import * as handlers from "./permissions.handlers";
import * as routes from "./permissions.routes";

export const permissionsRouter = createUserRouter()
  .openapi(routes.getPermissions, handlers.getPermissions)
  .openapi(routes.putPermissions, handlers.putPermissions)
  .openapi(routes.patchRole, handlers.patchRole);
