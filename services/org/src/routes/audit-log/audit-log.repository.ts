import { newestFirstPage, type PageQuery } from "../../core/newest-first";
import type { Db } from "../../db/client";
import { type AuditLogRow, auditLog } from "../../db/schema";

/** Newest first, a keyset page at a time. */
export const auditPage = <Item extends { id: string }>(
  db: Db,
  organizationId: string,
  query: PageQuery,
  toItem: (row: AuditLogRow) => Item,
) => newestFirstPage(db, auditLog, organizationId, query, toItem);
