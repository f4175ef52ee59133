import { ApiError, uniqueViolation, uuidv7 } from "@svc/platform";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, type OrganizationRow } from "../db/schema";
import { batchWrite, type Write } from "./batch";
import {
  hardDeleteStatement,
  insertOrganizationStatement,
  liveOrgs,
  type NewOrganization,
  softDeleteStatement,
} from "./organizations.repository";
import { assertSlugAllowed, slugify, withSuffix } from "./slug";
import type { Writer } from "./writer";

const DERIVED_SLUG_ATTEMPTS = 5;

export type OrgDraft = Omit<NewOrganization, "id" | "slug" | "createdAt" | "updatedAt"> & {
  id?: string;
  slug?: string | null;
};

/**
 * Inserts an organization with its counter bump and audit entry in one batch (plus `extra`
 * writes of the same flow). A derived slug that is taken gets a suffix; an explicit one is 409.
 * Returns the new row, then what each `extra` write's statement returned, in order.
 */
export async function insertOrganization(
  writer: Writer,
  draft: OrgDraft,
  extra: Write[] = [],
): Promise<[OrganizationRow, ...unknown[]]> {
  if (draft.slug) assertSlugAllowed(draft.slug);
  const now = Date.now();
  const id = draft.id ?? uuidv7(now);
  const base = draft.slug || slugify(draft.name);
  for (let attempt = 0; attempt < DERIVED_SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? base : withSuffix(base);
    const entry = { organizationId: id, resourceType: "organization", resourceId: id };
    try {
      const [rows, ...extraResults] = await batchWrite(
        writer,
        [
          {
            statement: insertOrganizationStatement(writer.db, {
              ...draft,
              id,
              slug,
              createdAt: now,
              updatedAt: now,
            }),
            audit: { ...entry, action: "organization.create", metadata: { slug, kind: draft.kind } },
            counter: liveOrgs(1),
          },
          ...extra,
        ],
        now,
      );
      return [rows[0]!, ...extraResults];
    } catch (err) {
      if (!uniqueViolation(err)?.includes("organization.slug")) throw err;
      if (draft.slug) throw new ApiError("CONFLICT", "Slug is already taken");
    }
  }
  throw new ApiError("CONFLICT", "Could not derive a free slug; pass one explicitly");
}

/** A soft delete with its audit entry and counter update, for a batch of any flow. */
export const softDeleteWrite = (db: Db, id: string, now: number, metadata?: Record<string, unknown>) => ({
  statement: softDeleteStatement(db, id, now),
  audit: {
    organizationId: id,
    action: "organization.delete",
    resourceType: "organization",
    resourceId: id,
    metadata,
  },
  counter: liveOrgs(-1),
});

/** Soft delete; false when the org was not live. */
export async function softDeleteOrganization(
  writer: Writer,
  id: string,
  metadata?: Record<string, unknown>,
): Promise<boolean> {
  const now = Date.now();
  const [rows] = await batchWrite(writer, [softDeleteWrite(writer.db, id, now, metadata)], now);
  return rows.length > 0;
}

/** Compensation: removes an organization this request created, as if it had never been made. */
export async function discardOrganization(writer: Writer, id: string, extra: Write[] = []) {
  const { db } = writer;
  await batchWrite(writer, [
    { statement: hardDeleteStatement(db, id), counter: liveOrgs(-1) },
    { statement: db.delete(auditLog).where(eq(auditLog.organizationId, id)) },
    ...extra,
  ]);
}
