import type { Db } from "../db/client";
import type { AuditLogRow } from "../db/schema";

/**
 * Who a write is recorded against in the audit log. `system` is an entry point with no caller
 * (the queue consumer, a scheduled job, a signed webhook); its id names which one.
 */
export interface Actor {
  type: AuditLogRow["actorType"];
  id: string;
}

/** What every write needs, whoever makes it: the database, the actor and the request id to audit. */
export interface Writer {
  db: Db;
  actor: Actor;
  requestId: string;
}

/** `stripe`: the signed Stripe webhook. */
export type SystemEntryPoint = "queue" | "job" | "webhook" | "stripe";

/** A writer for work that arrives without an HTTP principal (the HTTP layer uses `writerOf(c)`). */
export const systemWriter = (db: Db, entryPoint: SystemEntryPoint, requestId: string): Writer => ({
  db,
  actor: { type: "system", id: entryPoint },
  requestId,
});
