import { notFound, unavailable, uniqueViolation, uuidv7 } from "@svc/platform";
import { batchWrite } from "../../core/batch";
import { insertJob, markJob } from "../../core/context.repository";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import type { AppRouteHandler } from "../../lib/types";
import { toContext, toJob } from "./context.dto";
import { activeJob, latestContext, latestJob } from "./context.repository";
import type { GetRoute, TriggerRoute } from "./context.routes";

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const [context, job] = await Promise.all([latestContext(c.var.db, id), latestJob(c.var.db, id)]);
  if (!context && !job) throw notFound("Organization context");
  return c.json(
    { data: { context: context ? toContext(context) : null, job: job ? toJob(job) : null } },
    200,
  );
};

export const trigger: AppRouteHandler<TriggerRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const crawlId = c.req.valid("json")?.crawlId ?? null;
  const db = c.var.db;
  await organizationOf(c, id);
  const active = await activeJob(db, id);
  if (active) return c.json({ data: toJob(active) }, 202);

  const now = Date.now();
  const job = {
    id: uuidv7(now),
    organizationId: id,
    crawlId,
    status: "queued" as const,
    attempts: 0,
    lastError: null,
    contextId: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await batchWrite(
      writerOf(c),
      [
        {
          statement: insertJob(db, job),
          audit: {
            organizationId: id,
            action: "context.trigger",
            resourceType: "context_job",
            resourceId: job.id,
          },
        },
      ],
      now,
    );
  } catch (err) {
    // A concurrent trigger won the one-active-job index: answer with its job.
    const winner = uniqueViolation(err) ? await activeJob(db, id) : null;
    if (winner) return c.json({ data: toJob(winner) }, 202);
    throw err;
  }
  try {
    await c.env.ORGANIZATION_CONTEXT_QUEUE.send({
      jobId: job.id,
      organizationId: id,
      ...(crawlId ? { crawlId } : {}),
    });
  } catch (err) {
    // The job stays, marked failed, so its audit entry and GET …/context tell the truth.
    await markJob(db, job.id, { status: "failed", lastError: "the context queue was unavailable" });
    throw unavailable("The context queue", err);
  }
  return c.json({ data: toJob(job) }, 202);
};
