import { ApiError, uniqueViolation, uuidv7 } from "@svc/platform";
import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { auditLog, type OrganizationRow } from "../db/schema";
import { audit, auditIfChanged } from "../lib/audit";
import type { OrgAppEnv } from "../lib/types";
import {
  countLive,
  countLiveIfChanged,
  hardDeleteStatement,
  insertOrganizationStatement,
  type NewOrganization,
  softDeleteStatement,
} from "./organizations.repository";
import { slugify, slugProblem, withSuffix } from "./slug";

const DERIVED_SLUG_ATTEMPTS = 5;

export type OrgDraft = Omit<NewOrganization, "id" | "slug" | "createdAt" | "updatedAt"> & {
  id?: string;
  slug?: string | null;
};

/**
 * Inserts an organization with its counter bump and audit entry in one batch (plus `extra`
 * statements of the same flow). A derived slug that is taken gets a suffix; an explicit one is 409.
 * Returns the new row, then what each `extra` statement returned, in order.
 */
export async function insertOrganization(
  c: Context<OrgAppEnv>,
  draft: OrgDraft,
  extra: BatchItem<"sqlite">[] = [],
): Promise<[OrganizationRow, ...unknown[]]> {
  if (draft.slug) {
    const problem = slugProblem(draft.slug);
    if (problem) {
      throw new ApiError("INVALID_INPUT", `Slug is not allowed (${problem})`, {
        details: [{ path: "body.slug", message: problem }],
      });
    }
  }
  const db = c.var.db;
  const now = Date.now();
  const id = draft.id ?? uuidv7(now);
  const base = draft.slug || slugify(draft.name);
  for (let attempt = 0; attempt < DERIVED_SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? base : withSuffix(base);
    const entry = { organizationId: id, resourceType: "organization", resourceId: id };
    try {
      const [rows, , , ...extraResults] = await db.batch([
        insertOrganizationStatement(db, { ...draft, id, slug, createdAt: now, updatedAt: now }),
        countLive(db, 1),
        audit(db, c, { ...entry, action: "organization.create", metadata: { slug, kind: draft.kind } }, now),
        ...extra,
      ]);
      return [rows[0]!, ...extraResults];
    } catch (err) {
      if (!uniqueViolation(err)?.includes("organization.slug")) throw err;
      if (draft.slug) throw new ApiError("CONFLICT", "Slug is already taken");
    }
  }
  throw new ApiError("CONFLICT", "Could not derive a free slug; pass one explicitly");
}

/** Soft delete with its audit entry and counter update; false when the org was not live. */
export async function softDeleteOrganization(c: Context<OrgAppEnv>, id: string): Promise<boolean> {
  const db = c.var.db;
  const now = Date.now();
  const [rows] = await db.batch([
    softDeleteStatement(db, id, now),
    auditIfChanged(
      db,
      c,
      { organizationId: id, action: "organization.delete", resourceType: "organization", resourceId: id },
      now,
    ),
    countLiveIfChanged(db, -1),
  ]);
  return rows.length > 0;
}

/** Compensation: removes an organization this request created, as if it had never been made. */
export async function discardOrganization(
  c: Context<OrgAppEnv>,
  id: string,
  extra: BatchItem<"sqlite">[] = [],
) {
  const db = c.var.db;
  await db.batch([
    hardDeleteStatement(db, id),
    countLiveIfChanged(db, -1),
    db.delete(auditLog).where(eq(auditLog.organizationId, id)),
    ...extra,
  ]);
}
