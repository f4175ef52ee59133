import type { OrganizationRow } from "../db/schema";

/**
 * Whether the organization's plan includes verified domains. Until plans land in a table of their
 * own, the rule is "business organizations only"; this is the one place that decides it.
 */
export const hasDomainsFeature = (org: Pick<OrganizationRow, "kind">) => org.kind === "business";

/**
 * How many live members the organization may have before auto-join stops adding more, or null
 * for no limit: the organization's `seats` column. The user service compares it with the member
 * count inside the same write that adds the member, so concurrent joins cannot overshoot it.
 */
export const seatLimit = (org: Pick<OrganizationRow, "seats">): number | null => org.seats ?? null;
