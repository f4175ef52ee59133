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
    operationId: "listOrganizationMembers",
    summary: "List members",
    description:
      "The organization's members as the user service holds them, cursor-paginated; 503 when the user " +
      "service is unavailable.",
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
