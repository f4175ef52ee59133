import type { AuditEntry } from "@svc/contracts";
import { encodeCursor, toIso } from "@svc/platform";
import type { AuditLogRow } from "../../db/schema";
import type { AppRouteHandler } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { auditPage } from "./audit-log.repository";
import type { ListRoute } from "./audit-log.routes";

const toEntry = (row: AuditLogRow): AuditEntry => ({
  id: row.id,
  organizationId: row.organizationId,
  actor: { type: row.actorType, id: row.actorId },
  action: row.action,
  resource: { type: row.resourceType, id: row.resourceId },
  requestId: row.requestId,
  metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
  at: toIso(row.at),
});

/**
 * This service's entries and the user service's for the org, merged newest first. Both sides
 * use UUIDv7 ids and the same id cursor, so each is read from the same point and the merged
 * page's last id is where both continue. A user service that cannot answer is a 503: a page
 * without its entries would look complete and is not.
 */
export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const query = c.req.valid("query");
  const [own, theirs] = await Promise.all([
    auditPage(c.var.db, id, query, toEntry),
    userService(c).auditPage(id, query),
  ]);
  const merged = [...own.data, ...theirs.data].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const data = merged.slice(0, query.limit);
  const hasMore = merged.length > query.limit || own.pagination.hasMore || theirs.pagination.hasMore;
  const last = data.at(-1);
  const nextCursor = hasMore && last ? encodeCursor([last.id]) : null;
  return c.json({ data, pagination: { limit: query.limit, hasMore, nextCursor } }, 200);
};
