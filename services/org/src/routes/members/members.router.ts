import { createOrgRouter } from "../../lib/types";
import * as handlers from "./members.handlers";
import * as routes from "./members.routes";

export const membersRouter = createOrgRouter().openapi(routes.list, handlers.list);
