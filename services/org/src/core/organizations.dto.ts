import type { Organization } from "@svc/contracts";
import { apiDocument } from "@svc/platform";
import { type OrganizationRow, organization } from "../db/schema";

/** What the API answers for an organization: every column but the Stripe id and deletedAt. */
export const organizationDocument = apiDocument(organization, {
  plain: [
    "id",
    "betterAuthOrgId",
    "name",
    "slug",
    "description",
    "logoUrl",
    "websiteUrl",
    "status",
    "kind",
    "subscriptionTier",
    "subscriptionStatus",
    "seats",
    "creatorId",
  ],
  times: ["createdAt", "updatedAt"],
});

export const toOrganization = (row: OrganizationRow): Organization => organizationDocument.fromRow(row);
