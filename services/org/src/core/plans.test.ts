import { describe, expect, it } from "vitest";
import { entitlementsOf, featureNotAvailable, graceDaysOf, planOf } from "./plans";

const DAY = 24 * 60 * 60_000;
const org = (over: Partial<Parameters<typeof planOf>[0]> = {}) => ({
  subscriptionTier: "free" as const,
  subscriptionStatus: "none" as const,
  pastDueSince: null,
  seats: null,
  ...over,
});

describe("plans", () => {
  it("gives business entitlements only to a paying business tier, enterprise always", () => {
    expect(planOf(org(), 0)).toBe("personal");
    for (const status of ["active", "trialing", "paused"] as const) {
      expect(planOf(org({ subscriptionTier: "business", subscriptionStatus: status }), 0)).toBe("business");
    }
    expect(planOf(org({ subscriptionTier: "business", subscriptionStatus: "canceled" }), 0)).toBe("personal");
    expect(planOf(org({ subscriptionTier: "enterprise", subscriptionStatus: "canceled" }), 0)).toBe(
      "enterprise",
    );
  });

  it("keeps business through the past_due grace period, then behaves as canceled", () => {
    const pastDue = org({
      subscriptionTier: "business",
      subscriptionStatus: "past_due",
      pastDueSince: 1_000,
    });
    expect(planOf(pastDue, 1_000 + 7 * DAY - 1)).toBe("business");
    expect(planOf(pastDue, 1_000 + 7 * DAY)).toBe("personal");
    expect(planOf(pastDue, 1_000 + 2 * DAY, 2)).toBe("personal");
    expect(graceDaysOf({ BILLING_GRACE_DAYS: "3" })).toBe(3);
    expect(graceDaysOf({ BILLING_GRACE_DAYS: "" })).toBe(7);
    expect(graceDaysOf({ BILLING_GRACE_DAYS: "-1" })).toBe(7);
  });

  it("reads the seat limit from the seats column on paid plans (default 5), 1 on personal", () => {
    expect(entitlementsOf(org({ seats: 40 }), 0).seats).toBe(1);
    const paid = org({ subscriptionTier: "business", subscriptionStatus: "active" });
    expect(entitlementsOf(paid, 0)).toMatchObject({ plan: "business", seats: 5, apiKeys: 25, context: null });
    expect(entitlementsOf({ ...paid, seats: 12 }, 0).seats).toBe(12);
    expect(entitlementsOf(org({ subscriptionTier: "enterprise", seats: 200 }), 0)).toMatchObject({
      seats: 200,
      apiKeys: null,
    });
  });

  it("names the feature and the cheapest plan above that has it", () => {
    expect(featureNotAvailable("invitations", "personal", 0).details).toEqual([
      { path: "features.invitations", code: "business", message: expect.any(String) },
    ]);
    expect(featureNotAvailable("apiKeys", "business", 25).details[0]).toMatchObject({ code: "enterprise" });
  });
});
