import { uuidv7 } from "@svc/platform";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { actorOf } from "./actor";
import type { OrgAppEnv } from "./types";

export interface AuditEntry {
  organizationId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  metadata?: Record<string, unknown>;
}

function values(c: Context<OrgAppEnv>, entry: AuditEntry, now: number) {
  const actor = actorOf(c);
  return {
    id: uuidv7(now),
    organizationId: entry.organizationId,
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    requestId: c.get("requestId"),
    metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
    at: now,
  };
}

/** An audit insert to put in the same `db.batch()` as the write it records. */
export const audit = (db: Db, c: Context<OrgAppEnv>, entry: AuditEntry, now = Date.now()) =>
  db.insert(auditLog).values(values(c, entry, now));

/**
 * An audit insert that only lands when the batch's previous statement changed a row: a
 * conditional update (If-Match, "still live") that matched nothing leaves no entry behind.
 * D1 runs a batch's statements in order on one connection, so changes() is that statement's count.
 */
export function auditIfChanged(db: Db, c: Context<OrgAppEnv>, entry: AuditEntry, now = Date.now()) {
  const v = values(c, entry, now);
  // Values in the table's column order: insert…select writes every column.
  return db.insert(auditLog).select(
    sql`select ${v.id}, ${v.organizationId}, ${v.actorType}, ${v.actorId}, ${v.action}, ${v.resourceType},
      ${v.resourceId}, ${v.requestId}, ${v.metadata}, ${v.at} where changes() > 0`,
  );
}
