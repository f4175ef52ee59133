import { perObject } from "@svc/platform";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { auditedBatch, type Writer } from "../../core/audit";
import { userDocument } from "../../core/user-document";
import { live, notLastOwner, userEntry } from "../../core/users";
import type { Db } from "../../db/client";
import { user } from "../../db/schema";

export interface SoftDelete {
  organizationId: string;
  /** Refuse when the user is the organization's last owner. */
  protectLastOwner: boolean;
}

export async function softDeleteUser(writer: Writer, id: string, options: SoftDelete): Promise<boolean> {
  const now = Date.now();
  const statement = writer.db
    .update(user)
    .set({ deletedAt: now, updatedAt: now })
    .where(
      and(
        eq(user.id, id),
        eq(user.organizationId, options.organizationId),
        live,
        options.protectLastOwner ? notLastOwner(options.organizationId) : undefined,
      ),
    )
    .returning({ id: user.id });
  const entry = userEntry(options.organizationId, id, "user.remove");
  const [rows] = await auditedBatch(writer, [{ statement, audit: [entry] }], now);
  return rows.length > 0;
}

/**
 * A page of an organization's members in id order, each as the API's JSON text: one indexed range
 * scan over (organization_id, id) whatever the depth. Prepared once per D1 binding (first page, next page).
 */
const membersPage = perObject((db: Db) => {
  const prepare = (next: boolean) =>
    db
      .select({ id: user.id, document: userDocument.sql })
      .from(user)
      .where(
        and(
          eq(user.organizationId, sql.placeholder("organizationId")),
          live,
          next ? gt(user.id, sql.placeholder("after")) : undefined,
        ),
      )
      .orderBy(asc(user.id))
      .limit(sql.placeholder("limit"))
      .prepare();
  return { first: prepare(false), next: prepare(true) };
});

export async function listUsersInOrganization(
  db: Db,
  organizationId: string,
  page: { after?: string; limit: number },
): Promise<{ id: string; document: string }[]> {
  const { first, next } = membersPage(db);
  const rows = (await (page.after === undefined ? first : next).values({ organizationId, ...page })) as [
    string,
    string,
  ][];
  return rows.map(([id, document]) => ({ id, document }));
}
