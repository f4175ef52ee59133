import { uuidv7 } from "@svc/platform";
import { sql } from "drizzle-orm";
import { auditLog } from "../db/schema";
import type { Writer } from "./writer";

export interface AuditEntry {
  organizationId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  metadata?: Record<string, unknown>;
}

/**
 * An audit insert that only lands when the batch's previous statement changed a row, so a
 * conditional write (If-Match, "still live") that matched nothing leaves no entry behind.
 * Only `batchWrite` places it, right after the statement it records.
 */
export function auditIfChanged({ db, actor, requestId }: Writer, entry: AuditEntry, now: number) {
  const metadata = entry.metadata ? JSON.stringify(entry.metadata) : null;
  // Values in the table's column order: insert…select writes every column.
  return db.insert(auditLog).select(
    sql`select ${uuidv7(now)}, ${entry.organizationId}, ${actor.type}, ${actor.id}, ${entry.action},
      ${entry.resourceType}, ${entry.resourceId}, ${requestId}, ${metadata}, ${now} where changes() > 0`,
  );
}
