import type { Organization } from "@svc/contracts";
import { toIso } from "@svc/platform";
import type { OrganizationRow } from "../../db/schema";

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  betterAuthOrgId: row.betterAuthOrgId,
  name: row.name,
  slug: row.slug,
  description: row.description,
  logoUrl: row.logoUrl,
  websiteUrl: row.websiteUrl,
  status: row.status,
  kind: row.kind,
  subscriptionTier: row.subscriptionTier,
  subscriptionStatus: row.subscriptionStatus,
  seats: row.seats,
  creatorId: row.creatorId,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
