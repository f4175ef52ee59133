import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { uuidv7 } from "@svc/platform";
import { stubOutbound } from "@svc/platform/testing";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOrg } from "../../test/helpers";
import { findJob, insertJob } from "../core/context.repository";
import type { ContextData } from "../core/context.schemas";
import { createDb } from "../db/client";
import { organizationContext } from "../db/schema";
import worker from "../index";

const db = createDb(env.DB);
const QUEUE = "organization-context-queue";

const valid: ContextData = {
  summary: "Acme makes anvils for discerning coyotes.",
  industry: "Manufacturing",
  offerings: [{ name: "Anvil", description: "Heavy." }],
  audiences: ["Coyotes"],
  valueProposition: "Drops reliably.",
  tone: "deadpan",
  keywords: ["anvil", "acme"],
};

/** Workers AI replaced at the binding: each test decides what the model answers. */
const fakeAi = (answer: () => Promise<unknown>) =>
  ({ run: vi.fn(answer) }) as unknown as Ai & { run: ReturnType<typeof vi.fn> };

async function queuedJob() {
  const org = await createOrg({ description: "Acme makes anvils. Fast delivery." });
  const now = Date.now();
  const job = {
    id: uuidv7(now),
    organizationId: org.id,
    crawlId: null,
    status: "queued" as const,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
  await insertJob(db, job);
  return { org, job };
}

async function deliver(
  body: unknown,
  overrides: Partial<Cloudflare.Env>,
  attempts = 1,
  id = crypto.randomUUID(),
) {
  const batch = createMessageBatch(QUEUE, [{ id, timestamp: new Date(), attempts, body }]);
  // The queue result records which messages were retried; the spy also sees the requested delay.
  const retry = vi.spyOn(batch.messages[0]!, "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, AI_TIMEOUT_MS: "50", ...overrides });
  return { id, retry, result: await getQueueResult(batch, ctx) };
}

const contextsFor = (jobId: string) =>
  db.select().from(organizationContext).where(eq(organizationContext.jobId, jobId));

afterEach(() => vi.restoreAllMocks());

describe("context queue consumer", () => {
  it("stores a valid model answer, marks the job succeeded and acks", async () => {
    const { org, job } = await queuedJob();
    const AI = fakeAi(async () => ({ response: valid }));
    const { id, result } = await deliver({ jobId: job.id, organizationId: org.id }, { AI });

    expect(result.explicitAcks).toEqual([id]);
    expect(result.retryMessages).toEqual([]);
    const [row] = await contextsFor(job.id);
    expect(row).toMatchObject({
      organizationId: org.id,
      contextType: "ai_generated_summary",
      model: env.AI_MODEL,
    });
    expect(JSON.parse(row!.structuredData)).toEqual(valid);
    expect(await findJob(db, job.id)).toMatchObject({
      status: "succeeded",
      attempts: 1,
      contextId: row!.id,
      lastError: null,
    });
    const [model, options] = AI.run.mock.calls[0]!;
    expect(model).toBe(env.AI_MODEL);
    expect(options).toMatchObject({ response_format: { type: "json_schema" } });
    expect(JSON.stringify(options)).toContain("Acme makes anvils");
  });

  it("accepts a model answer that arrives as a JSON string", async () => {
    const { org, job } = await queuedJob();
    const { result } = await deliver(
      { jobId: job.id, organizationId: org.id },
      { AI: fakeAi(async () => ({ response: JSON.stringify(valid) })) },
    );
    expect(result.explicitAcks).toHaveLength(1);
    expect(await contextsFor(job.id)).toHaveLength(1);
  });

  it.each([
    ["invalid JSON", () => Promise.resolve({ response: "{ nope" }), /not JSON/],
    [
      "a schema mismatch",
      () => Promise.resolve({ response: { ...valid, keywords: "anvil" } }),
      /does not match the schema/,
    ],
    ["a thrown error", () => Promise.reject(new Error("model overloaded")), /model overloaded/],
    ["a timeout", () => new Promise(() => {}), /did not answer within 50 ms/],
  ])("retries with backoff on %s and keeps the job queued", async (_, answer, reason) => {
    const { org, job } = await queuedJob();
    const { id, retry, result } = await deliver(
      { jobId: job.id, organizationId: org.id },
      { AI: fakeAi(answer) },
    );
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([id]);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 10 });
    expect(await contextsFor(job.id)).toHaveLength(0);
    const stored = await findJob(db, job.id);
    expect(stored).toMatchObject({ status: "queued", attempts: 1 });
    expect(stored!.lastError).toMatch(reason);
  });

  it("fails the job on the last attempt and leaves the message unacked for the dead-letter queue", async () => {
    const { org, job } = await queuedJob();
    const { id, retry, result } = await deliver(
      { jobId: job.id, organizationId: org.id },
      { AI: fakeAi(() => Promise.reject(new Error("still overloaded"))) },
      4,
    );
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([id]);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 80 });
    expect(await findJob(db, job.id)).toMatchObject({
      status: "failed",
      attempts: 4,
      lastError: "Error: still overloaded",
    });
  });

  it("stores one row when the same message is delivered twice", async () => {
    const { org, job } = await queuedJob();
    const AI = fakeAi(async () => ({ response: valid }));
    const body = { jobId: job.id, organizationId: org.id };
    const first = await deliver(body, { AI }, 1, "same-message");
    const second = await deliver(body, { AI }, 2, "same-message");
    expect(first.result.explicitAcks).toEqual(["same-message"]);
    expect(second.result.explicitAcks).toEqual(["same-message"]);
    expect(await contextsFor(job.id)).toHaveLength(1);
    expect(AI.run).toHaveBeenCalledTimes(1);
  });

  it("stores one row when two deliveries of a message race", async () => {
    const { org, job } = await queuedJob();
    const AI = fakeAi(async () => ({ response: valid }));
    const body = { jobId: job.id, organizationId: org.id };
    await Promise.all([deliver(body, { AI }, 1, "dup"), deliver(body, { AI }, 1, "dup")]);
    expect(await contextsFor(job.id)).toHaveLength(1);
    expect(await findJob(db, job.id)).toMatchObject({ status: "succeeded" });
  });

  it("uses the product catalog when the product service is configured", async () => {
    const { org, job } = await queuedJob();
    // Recorded here and asserted below: an expect() thrown inside the stub would become a retry.
    const seen: { organizationId: string | null; requestId: string | null }[] = [];
    const products = stubOutbound(null, {
      "http://products.test/api/v1/products": (req) => {
        seen.push({
          organizationId: req.headers.get("x-organization-id"),
          requestId: req.headers.get("x-request-id"),
        });
        return Response.json({ data: [{ name: "Rocket skates", description: "Fast." }] });
      },
    });
    const AI = fakeAi(async () => ({ response: valid }));
    const { result } = await deliver(
      { jobId: job.id, organizationId: org.id },
      { AI, PRODUCT_SERVICE_URL: "http://products.test" },
    );
    expect(result.explicitAcks).toHaveLength(1);
    expect(products).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ organizationId: org.id, requestId: job.id }]);
    expect(JSON.stringify(AI.run.mock.calls[0]![1])).toContain("Rocket skates");
  });

  it("retries when the product service fails instead of crashing", async () => {
    const { org, job } = await queuedJob();
    stubOutbound(null, {
      "http://products.test/api/v1/products": () => new Response("down", { status: 502 }),
    });
    const { id, result } = await deliver(
      { jobId: job.id, organizationId: org.id },
      { AI: fakeAi(async () => ({ response: valid })), PRODUCT_SERVICE_URL: "http://products.test" },
    );
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([id]);
    expect((await findJob(db, job.id))!.lastError).toMatch(/product service/);
  });

  it("without an AI binding stores a deterministic heuristic summary, labelled as such", async () => {
    const { org, job } = await queuedJob();
    const { result } = await deliver({ jobId: job.id, organizationId: org.id }, { AI: undefined });
    expect(result.explicitAcks).toHaveLength(1);
    const [row] = await contextsFor(job.id);
    expect(row).toMatchObject({ contextType: "heuristic_summary", model: "local-heuristic-v1" });
    const data = JSON.parse(row!.structuredData) as ContextData;
    expect(data.summary).toBe(`${org.name}: Acme makes anvils.`);
    expect(data.keywords).toEqual(expect.arrayContaining(["acme", "anvils"]));
  });

  it("drops a malformed message without storing anything", async () => {
    const { id, result } = await deliver({ jobId: "not-a-uuid" }, { AI: undefined });
    expect(result.explicitAcks).toEqual([id]);
    expect(result.retryMessages).toEqual([]);
  });
});
