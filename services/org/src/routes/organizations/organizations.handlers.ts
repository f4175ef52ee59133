import { ApiError, notFound, uniqueViolation } from "@svc/platform";
import { batchWrite } from "../../core/batch";
import { toOrganization } from "../../core/organizations.dto";
import { findOrganization, updateOrganizationStatement } from "../../core/organizations.repository";
import { softDeleteOrganization } from "../../core/organizations.writes";
import { assertSlugAllowed, slugProblem } from "../../core/slug";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import { etagOf, requiredVersion, stale } from "../../lib/etag";
import type { AppRouteHandler } from "../../lib/types";
import { findOrganizationByAuthId, findOrganizationBySlug } from "./organizations.repository";
import type {
  CheckSlugRoute,
  GetByAuthIdRoute,
  GetBySlugRoute,
  GetRoute,
  RemoveRoute,
  UpdateRoute,
} from "./organizations.routes";

export const get: AppRouteHandler<GetRoute> = async (c) => {
  // The row the liveness check loaded: one query for the whole request.
  const row = await organizationOf(c, c.req.valid("param").id);
  c.header("ETag", etagOf(row.version));
  return c.json({ data: toOrganization(row) }, 200);
};

export const getByAuthId: AppRouteHandler<GetByAuthIdRoute> = async (c) => {
  const row = await findOrganizationByAuthId(c.var.db, c.req.valid("param").betterAuthOrgId);
  if (!row || row.deletedAt !== null) throw notFound("Organization");
  c.header("ETag", etagOf(row.version));
  return c.json({ data: toOrganization(row) }, 200);
};

/** Another tenant's org answers exactly like a missing one, so slugs are no membership oracle. */
export const getBySlug: AppRouteHandler<GetBySlugRoute> = async (c) => {
  const row = await findOrganizationBySlug(c.var.db, c.req.valid("param").slug);
  const principal = c.get("principal");
  const foreign = principal?.kind === "user" && row?.id !== principal.user.organizationId;
  if (!row || row.deletedAt !== null || foreign) throw notFound("Organization");
  c.header("ETag", etagOf(row.version));
  return c.json({ data: toOrganization(row) }, 200);
};

export const checkSlug: AppRouteHandler<CheckSlugRoute> = async (c) => {
  const { slug } = c.req.valid("param");
  const problem = slugProblem(slug);
  if (problem) return c.json({ data: { available: false, reason: problem } }, 200);
  if (await findOrganizationBySlug(c.var.db, slug)) {
    return c.json({ data: { available: false, reason: "taken" as const } }, 200);
  }
  return c.json({ data: { available: true } }, 200);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  if (
    (body.subscriptionTier !== undefined || body.seats !== undefined) &&
    c.get("principal")?.kind !== "service"
  ) {
    throw new ApiError("FORBIDDEN", "Only a service principal may set subscriptionTier or seats");
  }
  // An enterprise organization is a team (Stripe never changes an enterprise tier).
  const patch = body.subscriptionTier === "enterprise" ? { ...body, kind: "business" as const } : body;
  const expected = requiredVersion(c);
  const db = c.var.db;
  const current = await findOrganization(db, id);
  if (!current) throw notFound("Organization");
  if (expected !== undefined && expected !== current.version) throw stale(current.version);
  if (patch.slug !== undefined && patch.slug !== current.slug) assertSlugAllowed(patch.slug);
  const now = Date.now();
  const entry = { organizationId: id, resourceType: "organization", resourceId: id };
  let rows: Awaited<ReturnType<typeof updateOrganizationStatement>>;
  try {
    [rows] = await batchWrite(
      writerOf(c),
      [
        {
          statement: updateOrganizationStatement(db, id, patch, now, expected),
          audit: { ...entry, action: "organization.update", metadata: { fields: Object.keys(patch) } },
        },
      ],
      now,
    );
  } catch (err) {
    if (uniqueViolation(err)?.includes("organization.slug"))
      throw new ApiError("CONFLICT", "Slug is already taken");
    throw err;
  }
  const row = rows[0];
  if (!row) {
    if (await findOrganization(db, id)) throw stale();
    throw notFound("Organization");
  }
  c.header("ETag", etagOf(row.version));
  return c.json({ data: toOrganization(row) }, 200);
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  if (!(await softDeleteOrganization(writerOf(c), c.req.valid("param").id))) throw notFound("Organization");
  return c.body(null, 204);
};
