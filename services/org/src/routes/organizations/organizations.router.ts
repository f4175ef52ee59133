import { createOrgRouter } from "../../lib/types";
import * as listHandlers from "./list/list.handlers";
import * as createHandlers from "./organizations.create.handlers";
import * as handlers from "./organizations.handlers";
import * as routes from "./organizations.routes";

/** Literal segments (check-slug, slug, by-auth-id) are registered before `/{id}`. */
export const organizationsRouter = createOrgRouter()
  .openapi(routes.create, createHandlers.create)
  .openapi(routes.list, listHandlers.list)
  .openapi(routes.checkSlug, handlers.checkSlug)
  .openapi(routes.getBySlug, handlers.getBySlug)
  .openapi(routes.getByAuthId, handlers.getByAuthId)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove);
