import { z } from "@hono/zod-openapi";
import { AuditPageSchema, AuditPurgeSchema, CursorQuerySchema } from "@svc/contracts";
import { dataResponse, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrganizationIdParams } from "../../lib/params";

const tags = ["Audit log"];

export const list = guardedRoute(
  { principals: ["service"], scope: { param: "organizationId" } },
  {
    method: "get",
    path: "/api/v1/audit-log/by-organization/{organizationId}",
    tags,
    operationId: "listUserServiceAuditEntries",
    summary: "List the user service's audit entries for one organization",
    description:
      "Service only (the org service), newest first: role and permission changes, membership moves, removals, creates and builder drafts, each " +
      "written in the same D1 batch as its change. The org service's audit-log route merges this " +
      "page with its own by id (UUIDv7, so time order); the cursor is the same on both sides.",
    request: { params: OrganizationIdParams, query: CursorQuerySchema },
    responses: {
      200: { description: "A page of entries", content: { "application/json": { schema: AuditPageSchema } } },
    },
  },
);

export const purge = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/audit-log/purge",
    tags,
    operationId: "purgeUserServiceAuditEntries",
    summary: "Delete audit entries past retention",
    description:
      "Service only (the org service's purge job): deletes at most `limit` entries older than `before` (epoch ms); call again while it deletes any.",
    request: { body: jsonBody(AuditPurgeSchema, { before: 1_767_225_600_000, limit: 500 }) },
    responses: {
      200: dataResponse(
        z.object({ deleted: z.number().int().min(0).max(1000) }),
        "How many entries were deleted",
      ),
    },
  },
);

export type ListRoute = typeof list;
export type PurgeRoute = typeof purge;
