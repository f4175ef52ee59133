import { and, eq } from "drizzle-orm";
import { live } from "../../core/users";
import type { Db } from "../../db/client";
import { user } from "../../db/schema";

export async function hasLiveMembers(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.organizationId, organizationId), live))
    .limit(1);
  return row !== undefined;
}
