import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";

/** Newest first; ids are UUIDv7, so id order is time order and the (organizationId, id) index serves it. */
export const listAuditLog = (db: Db, organizationId: string, page: { before?: string; limit: number }) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        page.before ? lt(auditLog.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(page.limit);
