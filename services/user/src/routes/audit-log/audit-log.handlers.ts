import { decodeKeyCursor, keysetPage, toIso } from "@svc/platform";
import type { AppRouteHandler } from "../../lib/types";
import { type AuditLogRow, auditRows, purgeAuditRows } from "./audit-log.repository";
import type { ListRoute, PurgeRoute } from "./audit-log.routes";

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
  const { organizationId } = c.req.valid("param");
  const { cursor, limit } = c.req.valid("query");
  const rows = await auditRows(c.var.db, organizationId, decodeKeyCursor(cursor), limit + 1);
  return c.json(
    keysetPage(rows.map(toEntry), limit, (entry) => [entry.id]),
    200,
  );
};

export const purge: AppRouteHandler<PurgeRoute> = async (c) => {
  const { before, limit } = c.req.valid("json");
  return c.json({ data: { deleted: await purgeAuditRows(c.var.db, before, limit) } }, 200);
};
