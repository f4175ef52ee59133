import { ApiError, notFound, toIso, uniqueViolation, uuidv7 } from "@svc/platform";
import { toOrganization } from "../../core/organizations.dto";
import { findOrganization } from "../../core/organizations.repository";
import { insertOrganization } from "../../core/organizations.writes";
import { assertSlugAllowed } from "../../core/slug";
import type { OrgBuilderRow } from "../../db/schema";
import { writerOf } from "../../lib/actor";
import type { AppRouteHandler } from "../../lib/types";
import { findOrgBuilder, insertOrgBuilder, markFinalizedStatement } from "./org-builders.repository";
import type { CreateRoute, FinalizeRoute, GetRoute } from "./org-builders.routes";

const toBuilder = (row: OrgBuilderRow) => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  websiteUrl: row.websiteUrl,
  kind: row.kind,
  betterAuthOrgId: row.betterAuthOrgId,
  ownerUserId: row.ownerUserId,
  createdAt: toIso(row.createdAt),
  expiresAt: toIso(row.expiresAt),
  finalizedOrgId: row.finalizedOrgId,
});

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const { expiresInSeconds, ...fields } = c.req.valid("json");
  if (fields.slug) assertSlugAllowed(fields.slug);
  const now = Date.now();
  const row = await insertOrgBuilder(writerOf(c), {
    ...fields,
    id: uuidv7(now),
    organizationId: uuidv7(now),
    createdAt: now,
    expiresAt: now + expiresInSeconds * 1000,
  });
  return c.json({ data: toBuilder(row) }, 201);
};

async function liveBuilder(c: Parameters<AppRouteHandler<GetRoute>>[0], id: string) {
  const row = await findOrgBuilder(c.var.db, id);
  if (!row || (row.finalizedOrgId === null && row.expiresAt <= Date.now()))
    throw notFound("Organization builder");
  return row;
}

export const get: AppRouteHandler<GetRoute> = async (c) => {
  return c.json({ data: toBuilder(await liveBuilder(c, c.req.valid("param").id)) }, 200);
};

/**
 * The org id is fixed when the draft is made, so a second or concurrent finalize collides on it
 * and answers with the organization the first one created.
 */
export const finalize: AppRouteHandler<FinalizeRoute> = async (c) => {
  const builder = await liveBuilder(c, c.req.valid("param").id);
  const finalized = async () => {
    const org = await findOrganization(c.var.db, builder.organizationId);
    if (!org) throw new ApiError("CONFLICT", "The organization this draft created has been deleted");
    return c.json({ data: toOrganization(org) }, 200);
  };
  if (builder.finalizedOrgId) return finalized();
  if (!builder.name) {
    throw new ApiError("INVALID_INPUT", "The draft is incomplete", {
      details: [{ path: "name", message: "Required to finalize" }],
    });
  }
  try {
    const [org] = await insertOrganization(
      writerOf(c),
      {
        id: builder.organizationId,
        name: builder.name,
        slug: builder.slug,
        description: builder.description,
        websiteUrl: builder.websiteUrl,
        betterAuthOrgId: builder.betterAuthOrgId,
        kind: builder.kind ?? "business",
        status: "active",
        creatorId: builder.ownerUserId,
      },
      [{ statement: markFinalizedStatement(c.var.db, builder.id, builder.organizationId, Date.now()) }],
    );
    return c.json({ data: toOrganization(org) }, 201);
  } catch (err) {
    const columns = uniqueViolation(err);
    if (columns?.includes("organization.id")) return finalized();
    if (columns?.includes("better_auth_org_id")) {
      throw new ApiError("CONFLICT", "An organization with this betterAuthOrgId exists");
    }
    throw err;
  }
};
