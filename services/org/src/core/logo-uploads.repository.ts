import { inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { logoUpload } from "../db/schema";

/** Removes up to 500 tickets that expired before `before` (their tmp/ objects go with the sweep). */
export async function deleteSpentTickets(db: Db, before: number) {
  const spent = db
    .select({ tmpKey: logoUpload.tmpKey })
    .from(logoUpload)
    .where(lt(logoUpload.expiresAt, before))
    .limit(500);
  const deleted = await db
    .delete(logoUpload)
    .where(inArray(logoUpload.tmpKey, spent))
    .returning({ tmpKey: logoUpload.tmpKey });
  return deleted.length;
}
