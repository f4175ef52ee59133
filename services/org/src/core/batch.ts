import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { counter } from "../db/schema";
import { type AuditEntry, auditIfChanged } from "./audit";
import type { Writer } from "./writer";

type Statement = BatchItem<"sqlite">;

/** A counter row to move by `delta`; a no-op until the row exists (the list seeds it). */
export interface CounterDelta {
  name: string;
  delta: number;
}

/** One statement, and the audit entry and counter change that follow only if it changed a row. */
export interface Write<S extends Statement = Statement> {
  statement: S;
  audit?: AuditEntry;
  counter?: CounterDelta;
}

type Results<W extends readonly Write[]> = {
  -readonly [K in keyof W]: W[K]["statement"]["_"]["result"];
};

const counterIfChanged = (db: Db, { name, delta }: CounterDelta) =>
  db
    .update(counter)
    .set({ value: sql`${counter.value} + ${delta}` })
    .where(and(eq(counter.name, name), sql`changes() > 0`));

/**
 * Runs `writes` as one D1 batch (atomic, in order, on one connection) and returns each write's
 * statement result. The follow-ups read SQLite's changes() (rows changed by the latest completed
 * INSERT/UPDATE/DELETE), so their order is fixed here and nowhere else: the statement; its audit
 * insert, which adds one row exactly when the statement changed any, so changes() still answers
 * for the statement; then the counter update, last because it changes nothing while the counter
 * row is missing, which would hide the statement's count from an audit insert after it.
 */
export async function batchWrite<const W extends readonly Write[]>(
  writer: Writer,
  writes: W,
  now = Date.now(),
): Promise<Results<W>> {
  const statements: Statement[] = [];
  const positions: number[] = [];
  for (const { statement, audit, counter } of writes) {
    positions.push(statements.length);
    statements.push(statement);
    if (audit) statements.push(auditIfChanged(writer, audit, now));
    if (counter) statements.push(counterIfChanged(writer.db, counter));
  }
  const results = await writer.db.batch(statements as [Statement, ...Statement[]]);
  return positions.map((at) => results[at]) as Results<W>;
}
