import { createUserRouter } from "../../lib/types";
import * as handlers from "./search.handlers";
import * as routes from "./search.routes";

export const searchRouter = createUserRouter()
  .openapi(routes.searchEmail, handlers.searchEmail)
  .openapi(routes.checkEmails, handlers.checkEmails);
