import { notFound } from "@svc/platform";
import type { Context, MiddlewareHandler } from "hono";
import { findOrganization } from "../core/organizations.repository";
import {
  allows,
  DAY_MS,
  type Feature,
  featureNotAvailable,
  graceDaysOf,
  PLANS,
  planOf,
  quotaOf,
} from "../core/plans";
import { usageOf } from "../core/usage";
import type { OrganizationRow } from "../db/schema";
import type { OrgAppEnv } from "./types";

/**
 * The live organization a route acts on, read once per request: the entitlement check and the
 * handler share the row, so the check costs no second query.
 */
export async function organizationOf(c: Context<OrgAppEnv>, id: string): Promise<OrganizationRow> {
  const loaded = c.get("organization");
  if (loaded?.id === id) return loaded;
  const row = await findOrganization(c.var.db, id);
  if (!row) throw notFound("Organization");
  c.set("organization", row);
  return row;
}

/**
 * Refuses with FEATURE_NOT_AVAILABLE unless the organization's plan includes `feature`: on a read
 * (GET, HEAD) that the plan has it at all, on a write that it allows one more use of a quota.
 * Declared on a route as `feature` next to its access; runs after the guard, so the organization
 * named by `param` is already the caller's tenant.
 */
export const requireFeature =
  (feature: Feature, param = "id"): MiddlewareHandler<OrgAppEnv> =>
  async (c, next) => {
    const org = await organizationOf(c, c.req.param(param) ?? "");
    const now = Date.now();
    const name = planOf(org, now, graceDaysOf(c.env));
    const plan = PLANS[name];
    // A read, a yes/no feature or an unlimited quota costs no query.
    const reads = c.req.method === "GET" || c.req.method === "HEAD";
    const used =
      !reads && (feature === "apiKeys" || feature === "context") && typeof quotaOf(plan, feature) === "number"
        ? await usageOf(c.var.db, feature, org.id, now, plan.context?.periodMs ?? DAY_MS)
        : 0;
    if (!allows(plan, feature, used)) throw featureNotAvailable(feature, name, used);
    await next();
  };
