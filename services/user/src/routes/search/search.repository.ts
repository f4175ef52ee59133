import { and, asc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import { decodeUser, live, type UserRecord } from "../../core/users";
import type { Db } from "../../db/client";
import { user } from "../../db/schema";

/** Sorts after every UTF-8 string that starts with the prefix (the highest code point). */
const PREFIX_END = "\u{10FFFF}";

/**
 * Email prefix search inside one organization: a range on the (organization_id, email) index
 * instead of LIKE (case-insensitive by default, so SQLite cannot use a BINARY index for it),
 * paged by email (unique among live users).
 */
export async function searchByEmailPrefix(
  db: Db,
  organizationId: string,
  prefix: string,
  page: { after?: string; limit: number },
): Promise<UserRecord[]> {
  const rows = await db
    .select()
    .from(user)
    .where(
      and(
        eq(user.organizationId, organizationId),
        page.after ? gt(user.email, page.after) : gte(user.email, prefix),
        lt(user.email, `${prefix}${PREFIX_END}`),
        live,
      ),
    )
    .orderBy(asc(user.email))
    .limit(page.limit);
  return rows.map(decodeUser);
}

/** At most 100 emails (and an organization): one statement, within D1's 100 bound parameters. */
export async function existingEmails(
  db: Db,
  emails: string[],
  organizationId?: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ email: user.email })
    .from(user)
    .where(
      and(
        inArray(user.email, emails),
        organizationId ? eq(user.organizationId, organizationId) : undefined,
        live,
      ),
    );
  return new Set(rows.map((r) => r.email));
}
