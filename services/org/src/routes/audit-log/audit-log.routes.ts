import { AuditPageSchema, CursorQuerySchema } from "@svc/contracts";
import { errorsFor } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";

export const list = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "admin" },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/audit-log",
    tags: ["Audit log"],
    operationId: "listOrganizationAuditLog",
    summary: "List the audit log",
    description:
      "Both services' entries for the organization, merged by time: organization, settings, API-key, " +
      "builder and lifecycle changes written here, and role, permission, membership, removal and user " +
      "builder changes written by the user service. 503 when the user service cannot answer.",
    request: { params: OrgIdParams, query: CursorQuerySchema },
    responses: {
      200: {
        description: "A page of audit entries",
        content: { "application/json": { schema: AuditPageSchema } },
      },
      ...errorsFor("NOT_FOUND"),
    },
  },
);
export type ListRoute = typeof list;
