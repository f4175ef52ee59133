import { env } from "cloudflare:workers";
import { expectData, expectError, fileIssuer } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { createOrg } from "../../../test/helpers";
import {
  deliver,
  postWebhook,
  signatureFor,
  stripeEvent,
  subscribe,
  subscription,
} from "../../../test/stripe";

await fileIssuer();

const billingOf = (id: string) =>
  env.DB.prepare(
    "select kind, subscription_tier as tier, subscription_status as status, seats, stripe_customer_id as customer, past_due_since as pastDueSince from organization where id = ?",
  )
    .bind(id)
    .first<{
      kind: string;
      tier: string;
      status: string;
      seats: number | null;
      customer: string | null;
      pastDueSince: number | null;
    }>();
const auditOf = (id: string) =>
  env.DB.prepare(
    "select actor_type, actor_id, metadata from audit_log where organization_id = ? and action = 'organization.billing'",
  )
    .bind(id)
    .all<{ actor_type: string; actor_id: string; metadata: string }>()
    .then((r) => r.results);
const outcome = async (res: Response) =>
  (await expectData<{ data: { received: true; outcome: string } }>(res, 200)).data.outcome;
const now = () => Math.floor(Date.now() / 1000);

describe("POST /api/v1/webhooks/stripe", () => {
  it("makes an org business on an active subscription, with seats, and audits it as stripe with the event id", async () => {
    const org = await createOrg({ kind: "personal" });
    const event = stripeEvent("customer.subscription.created", subscription(org.id, "active", 8, "cus_A1"));
    expect(await outcome(await deliver(event))).toBe("applied");
    expect(await billingOf(org.id)).toMatchObject({
      kind: "business",
      tier: "business",
      status: "active",
      seats: 8,
      customer: "cus_A1",
    });
    const [entry] = await auditOf(org.id);
    expect(entry).toMatchObject({ actor_type: "system", actor_id: "stripe" });
    expect(JSON.parse(entry!.metadata)).toMatchObject({ eventId: event.id, eventType: event.type });
  });

  it("refuses a missing, wrong or stale signature with 400 and changes nothing", async () => {
    const org = await createOrg({ kind: "personal" });
    const body = JSON.stringify(stripeEvent("customer.subscription.created", subscription(org.id, "active")));
    await expectError(await postWebhook(body), 400, "INVALID_INPUT");
    await expectError(
      await postWebhook(body, await signatureFor(body, now(), "whsec_wrong")),
      400,
      "INVALID_INPUT",
    );
    await expectError(await postWebhook(body, await signatureFor(body, now() - 301)), 400, "INVALID_INPUT");
    const tampered = body.replace('"active"', '"trialing"');
    await expectError(await postWebhook(tampered, await signatureFor(body)), 400, "INVALID_INPUT");
    expect(await billingOf(org.id)).toMatchObject({ kind: "personal", tier: "free", status: "none" });
    const events = await env.DB.prepare("select count(*) as n from stripe_event where organization_id = ?")
      .bind(org.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(0);
  });

  it("applies a replayed event once (also when two deliveries race)", async () => {
    const org = await createOrg({ kind: "personal" });
    const event = stripeEvent("customer.subscription.created", subscription(org.id, "active", 6));
    const [a, b] = await Promise.all([deliver(event), deliver(event)]);
    expect([await outcome(a), await outcome(b)].sort()).toEqual(["applied", "duplicate"]);
    expect(await outcome(await deliver(event))).toBe("duplicate");
    expect(await auditOf(org.id)).toHaveLength(1);
  });

  it("ignores an event older than the last one applied", async () => {
    const org = await createOrg({ kind: "personal" });
    const t = now();
    expect(await outcome(await subscribe(org.id, "canceled", 5, t))).toBe("applied");
    const older = stripeEvent("customer.subscription.updated", subscription(org.id, "active", 9), t - 60);
    expect(await outcome(await deliver(older))).toBe("unchanged");
    expect(await billingOf(org.id)).toMatchObject({ tier: "free", status: "canceled" });
    expect(await auditOf(org.id)).toHaveLength(1);
  });

  it.each([
    ["trialing", { kind: "business", tier: "business", status: "trialing" }],
    ["paused", { kind: "business", tier: "business", status: "paused" }],
    ["past_due", { kind: "business", tier: "business", status: "past_due" }],
    ["canceled", { kind: "business", tier: "free", status: "canceled" }],
    ["unpaid", { kind: "business", tier: "free", status: "canceled" }],
  ])("moves an active business org to %s", async (status, expected) => {
    const org = await createOrg({ kind: "personal" });
    await subscribe(org.id, "active", 5, now() - 10);
    await subscribe(org.id, status);
    expect(await billingOf(org.id)).toMatchObject(expected);
  });

  it("cancels on customer.subscription.deleted and resumes on resumed, keeping the team business", async () => {
    const org = await createOrg({ kind: "personal" });
    await subscribe(org.id, "active", 5, now() - 20);
    await deliver(stripeEvent("customer.subscription.deleted", subscription(org.id, "canceled"), now() - 10));
    expect(await billingOf(org.id)).toMatchObject({ kind: "business", tier: "free", status: "canceled" });
    await deliver(stripeEvent("customer.subscription.resumed", subscription(org.id, "active", 3)));
    expect(await billingOf(org.id)).toMatchObject({ tier: "business", status: "active", seats: 3 });
  });

  it("links the customer on checkout.session.completed and finds the org by customer after that", async () => {
    const org = await createOrg({ kind: "personal" });
    const customer = `cus_${crypto.randomUUID().slice(0, 8)}`;
    const session = {
      id: "cs_1",
      object: "checkout.session",
      customer,
      subscription: "sub_1",
      metadata: { organizationId: org.id },
    };
    expect(await outcome(await deliver(stripeEvent("checkout.session.completed", session, now() - 10)))).toBe(
      "applied",
    );
    expect(await billingOf(org.id)).toMatchObject({ customer, status: "none" });
    // No metadata: found by the stored customer id.
    expect(
      await outcome(
        await deliver(
          stripeEvent("customer.subscription.created", subscription(null, "trialing", 5, customer)),
        ),
      ),
    ).toBe("applied");
    expect(await billingOf(org.id)).toMatchObject({ kind: "business", tier: "business", status: "trialing" });
  });

  it("marks past_due on invoice.payment_failed once, keeping when it started", async () => {
    const org = await createOrg({ kind: "personal" });
    // subscribe() links the customer `cus_<org id>`; the invoice names only the customer.
    const customer = `cus_${org.id}`;
    await subscribe(org.id, "active", 5, now() - 100);
    const invoice = (at: number) =>
      stripeEvent("invoice.payment_failed", { id: "in_1", object: "invoice", customer, parent: null }, at);
    await deliver(invoice(now() - 50));
    const first = await billingOf(org.id);
    expect(first).toMatchObject({ tier: "business", status: "past_due", pastDueSince: (now() - 50) * 1000 });
    await deliver(invoice(now()));
    expect((await billingOf(org.id))!.pastDueSince).toBe(first!.pastDueSince);
  });

  it("acknowledges an event for no known organization with 200 and records it", async () => {
    const event = stripeEvent("customer.subscription.updated", subscription(null, "active", 5, "cus_nobody"));
    expect(await outcome(await deliver(event))).toBe("unknown_organization");
    expect(await outcome(await deliver(event))).toBe("duplicate");
  });

  it("acknowledges event types it does not handle without recording them", async () => {
    const event = stripeEvent("charge.succeeded", { id: "ch_1", object: "charge" });
    expect(await outcome(await deliver(event))).toBe("ignored");
    const row = await env.DB.prepare("select id from stripe_event where id = ?").bind(event.id).first();
    expect(row).toBeNull();
  });

  it("refuses a body over 1 MB with 413", async () => {
    const body = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
    await expectError(await postWebhook(body, await signatureFor(body)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers 400 for a signed event whose object is not Stripe's shape", async () => {
    await expectError(
      await deliver(stripeEvent("customer.subscription.updated", { id: 5 })),
      400,
      "INVALID_INPUT",
    );
  });
});
