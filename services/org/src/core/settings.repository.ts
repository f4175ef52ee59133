import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { organizationSettings } from "../db/schema";

export async function findSettings(db: Db, organizationId: string) {
  return (
    (await db.query.organizationSettings.findFirst({
      where: eq(organizationSettings.organizationId, organizationId),
    })) ?? null
  );
}
