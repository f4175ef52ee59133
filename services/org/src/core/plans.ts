import { ApiError } from "@svc/platform";
import type { OrganizationRow } from "../db/schema";

export type PlanName = "personal" | "business" | "enterprise";

/** A per-period quota; `null` anywhere a limit goes means unlimited. */
interface Rate {
  limit: number;
  periodMs: number;
}

export interface Plan {
  /** Members the organization may hold; "column" reads the organization's `seats` (from Stripe). */
  seats: number | "column";
  invitations: boolean;
  domains: boolean;
  apiKeys: number | null;
  context: Rate | null;
}

export const DAY_MS = 24 * 60 * 60_000;

/**
 * The plans and what each one includes: the one place to change what a plan sells. Plans are
 * listed cheapest first; a denial names the first plan that has the feature.
 */
export const PLANS: Record<PlanName, Plan> = {
  personal: {
    seats: 1,
    invitations: false,
    domains: false,
    apiKeys: 1,
    context: { limit: 1, periodMs: DAY_MS },
  },
  business: { seats: "column", invitations: true, domains: true, apiKeys: 25, context: null },
  enterprise: { seats: "column", invitations: true, domains: true, apiKeys: null, context: null },
};

/** Seats of a business or enterprise organization whose `seats` column was never set. */
export const DEFAULT_SEATS = 5;
export const DEFAULT_GRACE_DAYS = 7;

export type Feature = "invitations" | "domains" | "apiKeys" | "context";
type Billing = Pick<OrganizationRow, "subscriptionTier" | "subscriptionStatus" | "pastDueSince" | "seats">;

const PAYING = new Set<Billing["subscriptionStatus"]>(["active", "trialing", "paused"]);

/**
 * The plan an organization is on now. Enterprise is set by a service principal and outranks
 * Stripe; business needs a paying subscription status, or past_due within the grace period
 * (then it behaves as canceled). Anything else, a personal org and a canceled team alike, gets
 * the free plan's limits.
 */
export function planOf(org: Billing, now: number, graceDays = DEFAULT_GRACE_DAYS): PlanName {
  if (org.subscriptionTier === "enterprise") return "enterprise";
  if (org.subscriptionTier !== "business") return "personal";
  if (PAYING.has(org.subscriptionStatus)) return "business";
  const graceEnds = (org.pastDueSince ?? 0) + graceDays * DAY_MS;
  return org.subscriptionStatus === "past_due" && now < graceEnds ? "business" : "personal";
}

export interface Entitlements {
  plan: PlanName;
  invitations: boolean;
  domains: boolean;
  apiKeys: number | null;
  context: Rate | null;
  seats: number;
}

/** What an organization may do now: its plan's features and its seat limit. */
export function entitlementsOf(org: Billing, now: number, graceDays = DEFAULT_GRACE_DAYS): Entitlements {
  const plan = planOf(org, now, graceDays);
  const { seats, ...features } = PLANS[plan];
  return { plan, ...features, seats: seats === "column" ? (org.seats ?? DEFAULT_SEATS) : seats };
}

/** The grace period configured by BILLING_GRACE_DAYS (a whole number of days; default 7). */
export function graceDaysOf(env: { BILLING_GRACE_DAYS?: string }): number {
  const days = Number(env.BILLING_GRACE_DAYS);
  return env.BILLING_GRACE_DAYS && Number.isInteger(days) && days >= 0 ? days : DEFAULT_GRACE_DAYS;
}

const ORDER: PlanName[] = ["personal", "business", "enterprise"];

/** The limit of a quota feature on a plan (null: unlimited; not a quota: undefined). */
export function quotaOf(plan: Plan, feature: Feature): number | null | undefined {
  const value = plan[feature];
  if (typeof value === "boolean") return undefined;
  return value === null || typeof value === "number" ? value : value.limit;
}

/** Whether `plan` allows one more use of `feature` when `used` are already taken. */
export function allows(plan: Plan, feature: Feature, used: number): boolean {
  const value = plan[feature];
  if (typeof value === "boolean") return value;
  const limit = quotaOf(plan, feature);
  return limit === null || limit === undefined || used < limit;
}

/**
 * The 403 for a feature the organization's plan does not include (or whose quota is used up):
 * `path` names the feature as GET …/entitlements shows it, `code` the cheapest plan that has more.
 */
export function featureNotAvailable(feature: Feature, current: PlanName, used: number): ApiError {
  const better = ORDER.slice(ORDER.indexOf(current) + 1);
  const upgrade = better.find((name) => allows(PLANS[name], feature, used)) ?? "enterprise";
  return new ApiError(
    "FEATURE_NOT_AVAILABLE",
    `The ${current} plan does not include this (${feature}); the ${upgrade} plan does`,
    {
      details: [{ path: `features.${feature}`, code: upgrade, message: `Available on the ${upgrade} plan` }],
    },
  );
}
