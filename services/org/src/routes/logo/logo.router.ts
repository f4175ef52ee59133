import { createOrgRouter } from "../../lib/types";
import * as handlers from "./logo.handlers";
import * as routes from "./logo.routes";

export const logoRouter = createOrgRouter()
  .openapi(routes.upload, handlers.upload)
  .openapi(routes.remove, (c) => handlers.remove(c))
  .openapi(routes.ticket, handlers.ticket)
  .openapi(routes.finalize, handlers.finalize)
  .openapi(routes.removeTwoStep, (c) => handlers.remove(c));
