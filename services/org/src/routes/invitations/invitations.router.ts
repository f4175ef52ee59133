import { createOrgRouter } from "../../lib/types";
import * as accepting from "./invitations.accept";
import * as handlers from "./invitations.handlers";
import * as routes from "./invitations.routes";

export const invitationsRouter = createOrgRouter()
  .openapi(routes.accept, accepting.accept)
  .openapi(routes.lookup, accepting.lookup)
  .openapi(routes.create, handlers.create)
  .openapi(routes.addMember, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.revoke, handlers.revoke)
  .openapi(routes.resend, handlers.resend);
