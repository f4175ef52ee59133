import { decodeKeyCursor, keysetPage, notFound, toIso } from "@svc/platform";
import { findOrganization } from "../../core/organizations.repository";
import type { AuditLogRow } from "../../db/schema";
import type { AppRouteHandler } from "../../lib/types";
import { listAuditLog } from "./audit-log.repository";
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

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  if (!(await findOrganization(c.var.db, id))) throw notFound("Organization");
  const before = decodeKeyCursor(cursor);
  const rows = await listAuditLog(c.var.db, id, { before, limit: limit + 1 });
  return c.json(
    keysetPage(rows.map(toEntry), limit, (e) => [e.id]),
    200,
  );
};
