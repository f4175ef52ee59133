import { createUserRouter } from "../../lib/types";
import * as handlers from "./users.handlers";
import * as routes from "./users.routes";

// Literal paths (by-auth-id, by-organization, create) are registered before /users/{id}.
export const usersRouter = createUserRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.getByAuthId, handlers.getByAuthId)
  .openapi(routes.listByOrganization, handlers.listByOrganization)
  .openapi(routes.get, handlers.get)
  .openapi(routes.remove, handlers.remove);
