import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { logoUpload } from "../../db/schema";

export const insertTicket = (db: Db, ticket: typeof logoUpload.$inferInsert) =>
  db.insert(logoUpload).values(ticket);

export const findTicket = async (db: Db, tmpKey: string) =>
  (await db.query.logoUpload.findFirst({ where: eq(logoUpload.tmpKey, tmpKey) })) ?? null;

/** Marks the ticket finalized; only one caller gets the row back, so finalize runs once. */
export const claimFinalize = async (db: Db, tmpKey: string, organizationId: string, now: number) =>
  (
    await db
      .update(logoUpload)
      .set({ finalizedAt: now })
      .where(
        and(
          eq(logoUpload.tmpKey, tmpKey),
          eq(logoUpload.organizationId, organizationId),
          isNull(logoUpload.finalizedAt),
          gt(logoUpload.expiresAt, now),
        ),
      )
      .returning()
  )[0] ?? null;

/** Gives a claimed finalize back (the bytes had not arrived yet), so the client can retry. */
export const releaseFinalize = (db: Db, tmpKey: string, claimedAt: number) =>
  db
    .update(logoUpload)
    .set({ finalizedAt: sql`null` })
    .where(and(eq(logoUpload.tmpKey, tmpKey), eq(logoUpload.finalizedAt, claimedAt)));
