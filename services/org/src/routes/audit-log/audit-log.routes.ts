import { CursorQuerySchema, cursorPage } from "@svc/contracts";
import { errorsFor } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import { AuditEntrySchema } from "./audit-log.schemas";

export const list = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "admin" },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/audit-log",
    tags: ["Audit log"],
    operationId: "listOrganizationAuditLog",
    summary: "List the audit log",
    description:
      "Admins: every mutation of the organization (who, what, which resource, when, the request id), newest " +
      "first, cursor-paginated.",
    request: { params: OrgIdParams, query: CursorQuerySchema },
    responses: {
      200: {
        description: "A page of audit entries",
        content: { "application/json": { schema: cursorPage(AuditEntrySchema) } },
      },
      ...errorsFor("NOT_FOUND"),
    },
  },
);
export type ListRoute = typeof list;
