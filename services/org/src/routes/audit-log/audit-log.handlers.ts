import { toIso } from "@svc/platform";
import type { AuditLogRow } from "../../db/schema";
import type { AppRouteHandler } from "../../lib/types";
import { auditPage } from "./audit-log.repository";
import type { ListRoute } from "./audit-log.routes";

const toEntry = (row: AuditLogRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  actor: { type: row.actorType, id: row.actorId },
  action: row.action,
  resource: { type: row.resourceType, id: row.resourceId },
  requestId: row.requestId,
  metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
  at: toIso(row.at),
});

export const list: AppRouteHandler<ListRoute> = async (c) =>
  c.json(await auditPage(c.var.db, c.req.valid("param").id, c.req.valid("query"), toEntry), 200);
