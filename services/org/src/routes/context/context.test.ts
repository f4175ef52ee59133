import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, tokenFor } from "../../../test/helpers";
import worker from "../../index";

interface Job {
  id: string;
  status: string;
  organizationId: string;
  crawlId: string | null;
}
interface ContextBody {
  data: { context: { contextType: string; structuredData: { summary: string } } | null; job: Job | null };
}

const issuer = await fileIssuer();

const trigger = (orgId: string, body?: unknown, headers = serviceHeaders(orgId)) =>
  api(`/api/v1/organizations/${orgId}/context/trigger`, {
    method: "POST",
    ...(body === undefined ? { headers } : json(body, headers)),
  });

/** Triggers with the queue binding replaced, to see or refuse the message the route sends. */
const triggerWithQueue = (orgId: string, queue: Queue) =>
  callWith(
    `/api/v1/organizations/${orgId}/context/trigger`,
    { method: "POST", headers: serviceHeaders(orgId) },
    { ORGANIZATION_CONTEXT_QUEUE: queue },
  );

const readContext = (orgId: string, headers = serviceHeaders(orgId)) =>
  api(`/api/v1/organizations/${orgId}/context`, { headers });

describe("POST /api/v1/organizations/{id}/context/trigger", () => {
  it("queues one job and returns it while it is active", async () => {
    const org = await createOrg();
    const first = await expectData<{ data: Job }>(await trigger(org.id, { crawlId: "crawl-1" }), 202);
    expect(first.data).toMatchObject({ organizationId: org.id, status: "queued", crawlId: "crawl-1" });
    const second = await expectData<{ data: Job }>(await trigger(org.id), 202);
    expect(second.data.id).toBe(first.data.id);
  });

  it("generates and stores a context from the message it queues (heuristic without an AI binding)", async () => {
    const org = await createOrg({ description: "We sell very good rope. Knots included." });
    // The queue binding records the message; the test delivers it to the consumer itself.
    const sent: unknown[] = [];
    const ORGANIZATION_CONTEXT_QUEUE = {
      send: async (message: unknown) => {
        sent.push(message);
      },
    } as unknown as Queue;
    const res = await triggerWithQueue(org.id, ORGANIZATION_CONTEXT_QUEUE);
    const { data: job } = await expectData<{ data: Job }>(res, 202);
    expect(sent).toHaveLength(1);

    const batch = createMessageBatch("organization-context-queue", [
      { id: "message-1", timestamp: new Date(), attempts: 1, body: sent[0] },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["message-1"]);

    const { data } = await expectData<ContextBody>(await readContext(org.id), 200);
    expect(data.job).toMatchObject({ id: job.id, status: "succeeded" });
    expect(data.context).toMatchObject({
      contextType: "heuristic_summary",
      structuredData: { summary: `${org.name}: We sell very good rope.` },
    });
  });

  it("lets an admin trigger and refuses a member", async () => {
    const org = await createOrg();
    const member = await tokenFor(issuer, org.id, "member");
    await expectError(
      await trigger(org.id, undefined, await issuer.headersFor(member.user)),
      403,
      "FORBIDDEN",
    );
    const admin = await tokenFor(issuer, org.id, "admin");
    await expectData(await trigger(org.id, undefined, await issuer.headersFor(admin.user)), 202);
  });

  it("answers 404 for an unknown organization and 400 for a bad body", async () => {
    const id = crypto.randomUUID();
    await expectError(await trigger(id), 404, "NOT_FOUND");
    const org = await createOrg();
    await expectError(await trigger(org.id, { crawlId: 5 }), 400, "INVALID_INPUT");
  });

  it("answers 503 and records a failed job when the queue refuses the message", async () => {
    const org = await createOrg();
    const ORGANIZATION_CONTEXT_QUEUE = {
      send: async () => {
        throw new Error("queue unavailable");
      },
    } as unknown as Queue;
    const res = await triggerWithQueue(org.id, ORGANIZATION_CONTEXT_QUEUE);
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
    const { data } = await expectData<ContextBody>(await readContext(org.id), 200);
    expect(data).toMatchObject({ context: null, job: { status: "failed" } });
  });
});

describe("GET /api/v1/organizations/{id}/context", () => {
  it("answers 404 before any job exists", async () => {
    const org = await createOrg();
    const res = await readContext(org.id);
    await expectError(res, 404, "NOT_FOUND");
  });

  it("lets a member read", async () => {
    const org = await createOrg();
    await expectData(await trigger(org.id), 202);
    const member = await tokenFor(issuer, org.id, "member");
    const res = await readContext(org.id, await issuer.headersFor(member.user));
    expect((await expectData<ContextBody>(res, 200)).data.job).toMatchObject({ organizationId: org.id });
  });
});
