import type { MoveOutCheck, MoveOutVerdict } from "@svc/contracts";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { user } from "../db/schema";
import { live } from "./users";

const allowed = (retire: boolean): MoveOutVerdict => ({ allowed: true, retire, reason: null });
const refused = (reason: string): MoveOutVerdict => ({ allowed: false, retire: false, reason });

/**
 * The one rule for leaving an organization (creating an org, accepting an invitation): a member
 * of a deleted organization may always leave; otherwise only a user alone in a personal
 * organization, which is then retired (soft-deleted) by the flow that moves them.
 */
export function moveOutRule(from: MoveOutCheck, othersRemain: boolean): MoveOutVerdict {
  if (from.deleted) return allowed(false);
  if (from.kind !== "personal") {
    return refused("Only a member of a personal organization or of a deleted one may leave it");
  }
  if (othersRemain) return refused("Your personal organization has other members; you cannot leave it");
  return allowed(true);
}

/** Whether anyone but `userId` is a live member of the organization: one indexed probe. */
export async function othersRemain(db: Db, organizationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.organizationId, organizationId), ne(user.id, userId), live))
    .limit(1);
  return row !== undefined;
}
