import { uuidv7 } from "@svc/platform";
import { findJob, markJob, storeContext } from "../core/context.repository";
import { ContextMessageSchema } from "../core/context.schemas";
import { findOrganization } from "../core/organizations.repository";
import { findSettings } from "../core/settings.repository";
import { createDb, type Db } from "../db/client";
import { aiContext } from "./ai-generator";
import { fetchCatalog } from "./catalog";
import { HEURISTIC_MODEL, heuristicContext } from "./heuristic-generator";

/** One delivery plus `max_retries = 3` from wrangler.org.toml; after that the message goes to the DLQ. */
export const CONTEXT_MAX_ATTEMPTS = 4;
const DEFAULT_AI_TIMEOUT_MS = 30_000;

const backoffSeconds = (attempts: number) => Math.min(300, 10 * 2 ** (attempts - 1));

const log = (fields: Record<string, unknown>) =>
  console.log(JSON.stringify({ level: "info", service: "org-service", event: "context-job", ...fields }));

async function generate(env: OrgEnv, db: Db, organizationId: string, requestId: string) {
  const organization = await findOrganization(db, organizationId);
  if (!organization) return null;
  const settings = await findSettings(db, organizationId);
  const catalog = await fetchCatalog({ env, requestId }, organizationId);
  const input = { organization, settings, catalog };
  if (env.AI) {
    const timeoutMs = Number(env.AI_TIMEOUT_MS) || DEFAULT_AI_TIMEOUT_MS;
    const data = await aiContext(env.AI, env.AI_MODEL, input, timeoutMs);
    return { data, contextType: "ai_generated_summary" as const, model: env.AI_MODEL };
  }
  return { data: heuristicContext(input), contextType: "heuristic_summary" as const, model: HEURISTIC_MODEL };
}

async function handle(message: Message<unknown>, env: OrgEnv, db: Db) {
  const parsed = ContextMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    // A malformed message can never succeed; retrying it would only fill the DLQ later.
    log({ messageId: message.id, outcome: "dropped", reason: "invalid message body" });
    message.ack();
    return;
  }
  const { jobId, organizationId } = parsed.data;
  const job = await findJob(db, jobId);
  if (
    !job ||
    job.organizationId !== organizationId ||
    job.status === "succeeded" ||
    job.status === "failed"
  ) {
    log({ jobId, outcome: "skipped", reason: job ? `job already ${job.status}` : "unknown job" });
    message.ack();
    return;
  }
  try {
    await markJob(db, jobId, { status: "running", attempts: message.attempts });
    const result = await generate(env, db, organizationId, jobId);
    if (!result) {
      await markJob(db, jobId, {
        status: "failed",
        attempts: message.attempts,
        lastError: "organization not found",
      });
      log({ jobId, outcome: "failed", reason: "organization not found" });
      message.ack();
      return;
    }
    await storeContext(db, job, { id: uuidv7(), ...result }, message.attempts);
    log({ jobId, outcome: "succeeded", attempts: message.attempts, contextType: result.contextType });
    message.ack();
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : "unknown error";
    const final = message.attempts >= CONTEXT_MAX_ATTEMPTS;
    await markJob(db, jobId, {
      status: final ? "failed" : "queued",
      attempts: message.attempts,
      lastError: reason,
    });
    log({ jobId, outcome: final ? "failed" : "retry", attempts: message.attempts, reason });
    // Not acked: on the last attempt the queue moves the message to the dead-letter queue.
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

export async function consumeContextBatch(batch: MessageBatch<unknown>, env: OrgEnv) {
  const db = createDb(env.DB);
  for (const message of batch.messages) await handle(message, env, db);
}
