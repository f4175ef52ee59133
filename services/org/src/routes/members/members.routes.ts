import { CursorQuerySchema, cursorPage, UserSchema } from "@svc/contracts";
import { errorsFor } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";

export const list = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" } },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/members",
    tags: ["Members"],
    summary: "List the organization's members (from the user service), cursor-paginated",
    request: { params: OrgIdParams, query: CursorQuerySchema },
    responses: {
      200: {
        description: "A page of members",
        content: { "application/json": { schema: cursorPage(UserSchema) } },
      },
      ...errorsFor("NOT_FOUND"),
    },
  },
);
export type ListRoute = typeof list;
