import { ApiError } from "@svc/platform";
import type { OrganizationRow } from "../db/schema";

/** Personal organizations hold their one member and cannot invite anyone. */
export function assertMayInvite(org: OrganizationRow): void {
  if (org.kind === "personal") {
    throw new ApiError(
      "FEATURE_NOT_AVAILABLE",
      "Personal organizations cannot invite members; upgrade to a business organization",
    );
  }
}

/** How many members plus pending invitations the organization may hold; null is no limit. */
export const seatLimit = (org: OrganizationRow): number | null => org.seats;
