import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expectData, json, rowsOf, serviceHeaders, stubOutbound } from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callWith, createOrg, type Issued, invite, post } from "../../test/helpers";
import worker from "../index";
import { DELIVERY_MAX_ATTEMPTS } from "./invitation-delivery";

const HOOK = "https://mailer.test/invitations";
const QUEUE = "invitation-delivery-queue";

/** The queue replaced at its binding: records what the route sends, or refuses it. */
const fakeQueue = (fail = false) => {
  const sent: unknown[] = [];
  const queue = {
    send: vi.fn(async (body: unknown) => {
      if (fail) throw new Error("queue unavailable");
      sent.push(body);
    }),
  } as unknown as Queue;
  return { queue, sent };
};

const inviteWith = (orgId: string, overrides: Partial<Cloudflare.Env>) =>
  callWith(
    `/api/v1/organizations/${orgId}/invitations`,
    {
      method: "POST",
      ...json({ email: `d-${crypto.randomUUID().slice(0, 8)}@example.com` }, serviceHeaders(orgId)),
    },
    overrides,
  );

async function deliver(body: unknown, attempts = 1, overrides: Partial<Cloudflare.Env> = {}) {
  const id = crypto.randomUUID();
  const batch = createMessageBatch(QUEUE, [{ id, timestamp: new Date(), attempts, body }]);
  const retry = vi.spyOn(batch.messages[0]!, "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, INVITATION_WEBHOOK_URL: HOOK, ...overrides });
  return { id, retry, result: await getQueueResult(batch, ctx) };
}

/** A real invitation and the delivery message its create would queue. */
async function queued() {
  const org = await createOrg();
  const issued = await invite(org.id, `m-${crypto.randomUUID().slice(0, 8)}@example.com`);
  const message = {
    type: "invitation.created",
    invitationId: issued.invitation.id,
    organization: { id: org.id, name: org.name, slug: org.slug },
    email: issued.invitation.email,
    role: "member",
    inviteUrl: issued.inviteUrl,
    expiresAt: issued.invitation.expiresAt,
    invitedBy: null,
    requestId: "req-delivery",
  };
  return { org, issued, message };
}

afterEach(() => vi.restoreAllMocks());

describe("invitation delivery: producer", () => {
  it("queues the link when a webhook is configured, and only then", async () => {
    const org = await createOrg();
    const { queue, sent } = fakeQueue();
    const res = await inviteWith(org.id, { INVITATION_WEBHOOK_URL: HOOK, INVITATION_DELIVERY_QUEUE: queue });
    const { data } = await expectData<{ data: Issued }>(res, 201);
    expect(sent).toEqual([
      {
        type: "invitation.created",
        invitationId: data.invitation.id,
        organization: { id: org.id, name: org.name, slug: org.slug },
        email: data.invitation.email,
        role: "member",
        inviteUrl: data.inviteUrl,
        expiresAt: data.invitation.expiresAt,
        invitedBy: null,
        requestId: res.headers.get("x-request-id"),
      },
    ]);
    const quiet = fakeQueue();
    await expectData(await inviteWith(org.id, { INVITATION_DELIVERY_QUEUE: quiet.queue }), 201);
    expect(quiet.sent).toEqual([]);
  });

  it("still creates the invitation, once, when the queue refuses the message", async () => {
    const org = await createOrg();
    const { queue } = fakeQueue(true);
    const res = await inviteWith(org.id, { INVITATION_WEBHOOK_URL: HOOK, INVITATION_DELIVERY_QUEUE: queue });
    await expectData(res, 201);
    expect(await rowsOf(env.DB, "select id from invitation where organization_id = ?", org.id)).toHaveLength(
      1,
    );
  });

  it("queues a resend as invitation.resent with the new link", async () => {
    const { org, issued } = await queued();
    const { queue, sent } = fakeQueue();
    const res = await callWith(
      `/api/v1/organizations/${org.id}/invitations/${issued.invitation.id}/resend`,
      { method: "POST", ...json({}, serviceHeaders(org.id)) },
      { INVITATION_WEBHOOK_URL: HOOK, INVITATION_DELIVERY_QUEUE: queue },
    );
    const { data } = await expectData<{ data: Issued }>(res, 200);
    expect(sent).toEqual([expect.objectContaining({ type: "invitation.resent", inviteUrl: data.inviteUrl })]);
  });
});

describe("invitation delivery: consumer", () => {
  it("POSTs the invitation to the webhook with the service key and request id, and acks", async () => {
    const { message } = await queued();
    let seen: Request | undefined;
    let body: unknown;
    stubOutbound(null, {
      [HOOK]: async (req) => {
        seen = req;
        body = await req.json();
        return new Response(null, { status: 202 });
      },
    });
    const { id, result } = await deliver(message);
    expect(result.explicitAcks).toEqual([id]);
    // The first configured key is the one this worker sends.
    expect(seen!.headers.get("x-service-api-key")).toBe(env.SERVICE_API_KEY.split(",")[0]!.trim());
    expect(seen!.headers.get("x-request-id")).toBe("req-delivery");
    const { requestId: _, ...payload } = message;
    expect(body).toEqual({ id, ...payload });
  });

  it("retries with backoff while the webhook is down, and leaves the last retry to the DLQ", async () => {
    const { message } = await queued();
    const hook = vi.fn(async () => new Response("down", { status: 503 }));
    stubOutbound(null, { [HOOK]: hook });
    const first = await deliver(message, 1);
    expect(first.result.explicitAcks).toEqual([]);
    expect(first.retry).toHaveBeenCalledWith({ delaySeconds: 30 });
    const last = await deliver(message, DELIVERY_MAX_ATTEMPTS);
    expect(last.result.retryMessages).toEqual([expect.objectContaining({ msgId: last.id })]);
    expect(hook).toHaveBeenCalledTimes(2);
    // The invitation itself is untouched by delivery failures.
    const [row] = await rowsOf(env.DB, "select status from invitation where id = ?", message.invitationId);
    expect(row).toEqual({ status: "pending" });
  });

  it("drops a link that is no longer current (resent or revoked) without calling the webhook", async () => {
    const { org, issued, message } = await queued();
    const hook = vi.fn(async () => new Response(null, { status: 200 }));
    stubOutbound(null, { [HOOK]: hook });
    await expectData(
      await post(
        `/api/v1/organizations/${org.id}/invitations/${issued.invitation.id}/resend`,
        {},
        serviceHeaders(org.id),
      ),
      200,
    );
    const { id, result } = await deliver(message);
    expect(result.explicitAcks).toEqual([id]);
    expect(hook).not.toHaveBeenCalled();
  });

  it("acks a malformed message, or any message once no webhook is configured", async () => {
    const { message } = await queued();
    stubOutbound(null);
    const bad = await deliver({ type: "nope" });
    expect(bad.result.explicitAcks).toEqual([bad.id]);
    const off = await deliver(message, 1, { INVITATION_WEBHOOK_URL: "" });
    expect(off.result.explicitAcks).toEqual([off.id]);
  });
});
