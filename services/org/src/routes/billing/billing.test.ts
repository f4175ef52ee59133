import { env } from "cloudflare:workers";
import {
  createBarrier,
  expectData,
  expectError,
  fileIssuer,
  holdAt,
  json,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, memberOf, personalUser, post } from "../../../test/helpers";
import { stripeStandIn, subscribe } from "../../../test/stripe";

const issuer = await fileIssuer();

interface Entitlements {
  data: {
    kind: string;
    tier: string;
    plan: string;
    features: Record<string, unknown>;
    seats: { used: number; pending: number; limit: number };
  };
}
const entitlements = async (orgId: string, headers: Record<string, string>) =>
  (await expectData<Entitlements>(await api(`/api/v1/organizations/${orgId}/entitlements`, { headers }), 200))
    .data;
const checkoutBody = {
  successUrl: "https://app.example.com/billing/done",
  cancelUrl: "https://app.example.com/billing",
};
const checkout = (orgId: string, headers: Record<string, string>, body: unknown = checkoutBody) =>
  post(`/api/v1/organizations/${orgId}/billing/checkout`, body, headers);
const newKey = (orgId: string, headers: Record<string, string>) =>
  post(`/api/v1/organizations/${orgId}/api-keys`, { name: "k" }, headers);
const trigger = (orgId: string, headers: Record<string, string>) =>
  post(`/api/v1/organizations/${orgId}/context/trigger`, {}, headers);

describe("GET …/entitlements", () => {
  it("shows a personal org the free plan and, after an active subscription, business", async () => {
    const { org, headers } = await personalUser(issuer);
    expect(await entitlements(org.id, headers)).toEqual({
      kind: "personal",
      tier: "free",
      subscriptionStatus: "none",
      plan: "personal",
      graceEndsAt: null,
      features: {
        invitations: false,
        domains: false,
        apiKeys: { limit: 1, used: 0 },
        context: { limit: 1, periodHours: 24, used: 0 },
      },
      seats: { used: 1, pending: 0, limit: 1 },
    });
    await subscribe(org.id, "active", 7);
    expect(await entitlements(org.id, headers)).toMatchObject({
      kind: "business",
      tier: "business",
      plan: "business",
      features: {
        invitations: true,
        domains: true,
        apiKeys: { limit: 25, used: 0 },
        context: { limit: null },
      },
      seats: { used: 1, limit: 7 },
    });
  });

  it("lets only a service principal set enterprise, which Stripe events never take away", async () => {
    const { org, headers } = await personalUser(issuer);
    const patch = (body: unknown, h: Record<string, string>) =>
      api(`/api/v1/organizations/${org.id}`, { method: "PATCH", ...json(body, h) });
    await expectError(await patch({ subscriptionTier: "enterprise" }, headers), 403, "FORBIDDEN");
    expect((await patch({ subscriptionTier: "enterprise", seats: 300 }, serviceHeaders(org.id))).status).toBe(
      200,
    );
    await subscribe(org.id, "canceled");
    expect(await entitlements(org.id, headers)).toMatchObject({
      kind: "business",
      tier: "enterprise",
      plan: "enterprise",
      features: { apiKeys: { limit: null } },
      seats: { limit: 300 },
    });
  });

  it("is 403 for another organization (tenant checked before any lookup)", async () => {
    const { headers } = await personalUser(issuer);
    const other = await createOrg();
    await expectError(
      await api(`/api/v1/organizations/${other.id}/entitlements`, { headers }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("feature guards", () => {
  it("refuses a second API key on the free plan with FEATURE_NOT_AVAILABLE naming the plan, allows it on business", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    expect((await newKey(org.id, headers)).status).toBe(201);
    const denied = await expectError(await newKey(org.id, headers), 403, "FEATURE_NOT_AVAILABLE");
    expect(denied.error.details).toEqual([
      { path: "features.apiKeys", code: "business", message: "Available on the business plan" },
    ]);
    const keys = await env.DB.prepare("select count(*) as n from api_key where organization_id = ?")
      .bind(org.id)
      .first<{ n: number }>();
    expect(keys!.n).toBe(1);
    await subscribe(org.id, "active");
    expect((await newKey(org.id, headers)).status).toBe(201);
  });

  it("holds the API key limit when two creates race past the guard", async () => {
    const org = await createOrg();
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "api_key"/i.test(sql));
    const create = () =>
      callWith(
        `/api/v1/organizations/${org.id}/api-keys`,
        { method: "POST", ...json({ name: "k" }, serviceHeaders(org.id)) },
        { DB },
      );
    const [a, b] = await Promise.all([create(), create()]);
    expect(gate.arrived).toBe(2);
    expect([a.status, b.status].sort()).toEqual([201, 403]);
    await expectError(a.status === 403 ? a : b, 403, "FEATURE_NOT_AVAILABLE");
    const keys = await env.DB.prepare("select count(*) as n from api_key where organization_id = ?")
      .bind(org.id)
      .first<{ n: number }>();
    expect(keys!.n).toBe(1);
  });

  it("refuses a second context generation within 24 h on the free plan, allows it on business", async () => {
    const org = await createOrg({ kind: "personal" });
    const headers = serviceHeaders(org.id);
    const first = await expectData<{ data: { id: string } }>(await trigger(org.id, headers), 202);
    // While the job is queued, a trigger answers with it (it does not spend the quota twice).
    expect((await expectData<{ data: { id: string } }>(await trigger(org.id, headers), 202)).data.id).toBe(
      first.data.id,
    );
    await env.DB.prepare("update context_job set status = 'succeeded' where id = ?")
      .bind(first.data.id)
      .run();
    const denied = await expectError(await trigger(org.id, headers), 403, "FEATURE_NOT_AVAILABLE");
    expect(denied.error.details[0]).toMatchObject({ path: "features.context", code: "business" });
    await subscribe(org.id, "trialing");
    expect((await trigger(org.id, headers)).status).toBe(202);
  });

  it("keeps business entitlements through past_due grace and drops them after it", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    await subscribe(org.id, "active", 5, Math.floor(Date.now() / 1000) - 10);
    expect((await newKey(org.id, headers)).status).toBe(201);
    await subscribe(org.id, "past_due");
    expect((await newKey(org.id, headers)).status).toBe(201);
    const graceOver = { BILLING_GRACE_DAYS: "0" };
    const res = await callWith(
      `/api/v1/organizations/${org.id}/api-keys`,
      { method: "POST", ...json({ name: "k" }, headers) },
      graceOver,
    );
    await expectError(res, 403, "FEATURE_NOT_AVAILABLE");
  });
});

describe("POST …/billing/checkout and …/billing/portal", () => {
  it("creates the customer once, then a subscription Checkout Session carrying the organization id", async () => {
    const { org, headers } = await personalUser(issuer);
    const stripe = stripeStandIn(issuer);
    const res = await expectData<{ data: { url: string } }>(
      await checkout(org.id, headers, { ...checkoutBody, seats: 3 }),
      201,
    );
    expect(res.data.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    await checkout(org.id, headers);
    expect(stripe.customersMade()).toBe(1);
    const customerCall = stripe.calls.find((c) => c.path === "/v1/customers")!;
    expect(customerCall.form.get("metadata[organizationId]")).toBe(org.id);
    const session = stripe.calls.find((c) => c.path === "/v1/checkout/sessions")!.form;
    expect(Object.fromEntries(session)).toMatchObject({
      mode: "subscription",
      "line_items[0][price]": "price_business_monthly",
      "line_items[0][quantity]": "3",
      "metadata[organizationId]": org.id,
      "subscription_data[metadata][organizationId]": org.id,
      success_url: checkoutBody.successUrl,
    });
    const row = await env.DB.prepare("select stripe_customer_id as c from organization where id = ?")
      .bind(org.id)
      .first<{ c: string }>();
    expect(row!.c).toMatch(/^cus_/);
    expect(stripe.calls.filter((c) => c.path === "/v1/customers")).toHaveLength(1);
  });

  it("makes one customer when two first checkouts race", async () => {
    const org = await createOrg({ kind: "personal" });
    const stripe = stripeStandIn(issuer);
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "organization" set "stripe_customer_id"/i.test(sql));
    const call = () =>
      callWith(
        `/api/v1/organizations/${org.id}/billing/checkout`,
        { method: "POST", ...json(checkoutBody, serviceHeaders(org.id)) },
        { DB },
      );
    const [a, b] = await Promise.all([call(), call()]);
    expect(gate.arrived).toBe(2);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(stripe.customersMade()).toBe(1);
    const customers = new Set(
      stripe.calls.filter((c) => c.path === "/v1/checkout/sessions").map((c) => c.form.get("customer")),
    );
    expect(customers.size).toBe(1);
  });

  it.each([
    ["http://app.example.com/x", "successUrl"],
    ["https://evil.example.net/x", "successUrl"],
    ["javascript:alert(1)", "successUrl"],
  ])("refuses a redirect to %s with 400 and calls no Stripe", async (url, path) => {
    const { org, headers } = await personalUser(issuer);
    const stripe = stripeStandIn(issuer);
    const err = await expectError(
      await checkout(org.id, headers, { ...checkoutBody, successUrl: url }),
      400,
      "INVALID_INPUT",
    );
    expect(err.error.details[0]).toMatchObject({ path });
    expect(stripe.calls).toHaveLength(0);
  });

  it("refuses a price that is not offered, and a member who is not the owner", async () => {
    const { org, headers } = await personalUser(issuer);
    stripeStandIn(issuer);
    await expectError(
      await checkout(org.id, headers, { ...checkoutBody, priceId: "price_free_lunch" }),
      400,
      "INVALID_INPUT",
    );
    const admin = await memberOf(issuer, "admin");
    await expectError(await checkout(admin.org.id, admin.headers), 403, "FORBIDDEN");
  });

  it("answers 503 and stores no customer when Stripe fails", async () => {
    const { org, headers } = await personalUser(issuer);
    stripeStandIn(issuer, { fail: true });
    await expectError(await checkout(org.id, headers), 503, "SERVICE_UNAVAILABLE");
    const row = await env.DB.prepare("select stripe_customer_id as c from organization where id = ?")
      .bind(org.id)
      .first<{ c: string | null }>();
    expect(row!.c).toBeNull();
  });

  it("opens the portal for an org with a customer, 409 without one", async () => {
    const { org, headers } = await personalUser(issuer);
    const stripe = stripeStandIn(issuer);
    const portal = () =>
      post(
        `/api/v1/organizations/${org.id}/billing/portal`,
        { returnUrl: "https://app.example.com/a" },
        headers,
      );
    await expectError(await portal(), 409, "CONFLICT");
    await checkout(org.id, headers);
    const res = await expectData<{ data: { url: string } }>(await portal(), 200);
    expect(res.data.url).toMatch(/^https:\/\/billing\.stripe\.com\//);
    expect(stripe.calls.at(-1)!.form.get("return_url")).toBe("https://app.example.com/a");
  });
});
