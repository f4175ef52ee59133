import { createOrgRouter } from "../../lib/types";
import * as handlers from "./audit-log.handlers";
import * as routes from "./audit-log.routes";

export const auditLogRouter = createOrgRouter().openapi(routes.list, handlers.list);
