import { createOrgRouter } from "../../lib/types";
import * as handlers from "./domains.handlers";
import * as routes from "./domains.routes";

export const domainsRouter = createOrgRouter()
  .openapi(routes.byDomain, handlers.byDomain)
  .openapi(routes.list, handlers.list)
  .openapi(routes.replace, handlers.replace)
  .openapi(routes.verify, handlers.verify)
  .openapi(routes.update, handlers.update)
  .openapi(routes.recordJoin, handlers.recordJoin);
