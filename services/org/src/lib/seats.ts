import { ApiError } from "@svc/platform";
import type { Context } from "hono";
import { entitlementsOf, graceDaysOf } from "../core/plans";
import type { OrganizationRow } from "../db/schema";
import type { OrgAppEnv } from "./types";
import { userService } from "./user-service";

const MEMBERS_PAGE = 100;

/** Members of the organization (the user service's), counted page by page up to one past `limit`. */
export async function membersUpTo(c: Context<OrgAppEnv>, organizationId: string, limit: number) {
  const users = userService(c);
  let used = 0;
  let cursor: string | undefined;
  do {
    const page = await users.listByOrganization(organizationId, { cursor, limit: MEMBERS_PAGE });
    used += page.data.length;
    cursor = page.pagination.hasMore ? (page.pagination.nextCursor ?? undefined) : undefined;
  } while (cursor && used <= limit);
  return used;
}

/** The organization's seat limit now, from its plan (the free plan's one seat once it lapsed). */
export function seatLimitOf(c: Context<OrgAppEnv>, org: OrganizationRow, now: number) {
  const { plan, seats } = entitlementsOf(org, now, graceDaysOf(c.env));
  return { plan, seats };
}

/** The 403 for an organization whose members (and pending invitations) fill its seats. */
export const seatsFull = (limit: { plan: string; seats: number }, message: string) =>
  new ApiError("FEATURE_NOT_AVAILABLE", `All ${limit.seats} seats are taken; ${message}`, {
    details: [
      { path: "seats.limit", code: limit.plan, message: `${limit.seats} seats on the ${limit.plan} plan` },
    ],
  });
