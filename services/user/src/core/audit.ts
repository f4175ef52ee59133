import { uuidv7 } from "@svc/platform";
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { type AuditLogRow, auditLog } from "../db/schema";

type Statement = BatchItem<"sqlite">;

/** Who a write is recorded against: the principal, or `system` for work with no caller. */
export interface Actor {
  type: AuditLogRow["actorType"];
  id: string;
}

/** What every write needs: the database, the actor and the request id it is audited under. */
export interface Writer {
  db: Db;
  actor: Actor;
  requestId: string;
}

export interface AuditEntry {
  organizationId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  metadata?: Record<string, unknown>;
}

/** One statement and the entries (one per organization it touches) that record it. */
export interface Write<S extends Statement = Statement> {
  statement: S;
  audit?: AuditEntry[];
}

type Results<W extends readonly Write[]> = {
  -readonly [K in keyof W]: W[K]["statement"]["_"]["result"];
};

/** An audit insert that lands only when the previous statement of the batch changed a row. */
function auditIfChanged({ db, actor, requestId }: Writer, entry: AuditEntry, now: number) {
  const metadata = entry.metadata ? JSON.stringify(entry.metadata) : null;
  return db.insert(auditLog).select(
    sql`select ${uuidv7(now)}, ${entry.organizationId}, ${actor.type}, ${actor.id}, ${entry.action},
      ${entry.resourceType}, ${entry.resourceId}, ${requestId}, ${metadata}, ${now} where changes() > 0`,
  );
}

/**
 * Runs `writes` as one D1 batch (atomic, in order) and returns each statement's result. Each audit
 * insert follows its statement and reads SQLite's changes() (rows changed by the latest completed
 * statement): the first entry lands when the statement changed a row, each further entry when the
 * entry before it landed, so a write that matched nothing leaves no entry and every change has all
 * of its entries. Call sites never place an audit insert themselves.
 */
export async function auditedBatch<const W extends readonly Write[]>(
  writer: Writer,
  writes: W,
  now = Date.now(),
): Promise<Results<W>> {
  const statements: Statement[] = [];
  const positions: number[] = [];
  for (const { statement, audit = [] } of writes) {
    positions.push(statements.length);
    statements.push(statement);
    for (const entry of audit) statements.push(auditIfChanged(writer, entry, now));
  }
  const results = await writer.db.batch(statements as [Statement, ...Statement[]]);
  return positions.map((at) => results[at]) as Results<W>;
}
