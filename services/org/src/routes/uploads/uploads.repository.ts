import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { logoUpload } from "../../db/schema";

/** Marks the upload URL used; only one request gets the row back, so the URL works once. */
export const claimUpload = async (db: Db, tmpKey: string, organizationId: string, now: number) =>
  (
    await db
      .update(logoUpload)
      .set({ uploadedAt: now })
      .where(
        and(
          eq(logoUpload.tmpKey, tmpKey),
          eq(logoUpload.organizationId, organizationId),
          isNull(logoUpload.uploadedAt),
          isNull(logoUpload.finalizedAt),
          gt(logoUpload.expiresAt, now),
        ),
      )
      .returning({ tmpKey: logoUpload.tmpKey })
  ).length === 1;

/** Gives the URL back after a failed store, so the client can send the bytes again. */
export const releaseUpload = (db: Db, tmpKey: string, claimedAt: number) =>
  db
    .update(logoUpload)
    .set({ uploadedAt: sql`null` })
    .where(and(eq(logoUpload.tmpKey, tmpKey), eq(logoUpload.uploadedAt, claimedAt)));
