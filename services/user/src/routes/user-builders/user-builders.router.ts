import { createUserRouter } from "../../lib/types";
import * as handlers from "./user-builders.handlers";
import * as routes from "./user-builders.routes";

export const userBuildersRouter = createUserRouter()
  .openapi(routes.createBuilder, handlers.createBuilder)
  .openapi(routes.getBuilder, handlers.getBuilder)
  .openapi(routes.finalizeBuilder, handlers.finalizeBuilder);
