import { ApiError, notFound, uniqueViolation, uuidv7 } from "@svc/platform";
import type { AppRouteHandler } from "../../lib/types";
import { toOrganization } from "./organizations.dto";
import { findOrganization, insertOrganization } from "./organizations.repository";
import type { CreateRoute, GetRoute } from "./organizations.routes";
import { slugify, slugProblem, withSuffix } from "./slug";

const DERIVED_SLUG_ATTEMPTS = 5;

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const input = c.req.valid("json");
  if (input.slug) {
    const problem = slugProblem(input.slug);
    if (problem) throw new ApiError("INVALID_INPUT", `Slug is not allowed (${problem})`);
  }
  const now = Date.now();
  const base = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < DERIVED_SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? base : withSuffix(base);
    try {
      const row = await insertOrganization(c.var.db, {
        id: uuidv7(now),
        name: input.name,
        slug,
        description: input.description ?? null,
        websiteUrl: input.websiteUrl ?? null,
        betterAuthOrgId: input.betterAuthOrgId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      return c.json({ data: toOrganization(row) }, 201);
    } catch (err) {
      const columns = uniqueViolation(err);
      if (columns?.includes("slug") && !input.slug) continue;
      if (columns?.includes("slug")) throw new ApiError("CONFLICT", "Slug is already taken");
      if (columns?.includes("better_auth_org_id")) {
        throw new ApiError("CONFLICT", "An organization with this betterAuthOrgId exists");
      }
      throw err;
    }
  }
  throw new ApiError("CONFLICT", "Could not derive a free slug; pass one explicitly");
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const row = await findOrganization(c.var.db, c.req.valid("param").id);
  if (!row) throw notFound("Organization");
  return c.json({ data: toOrganization(row) }, 200);
};
