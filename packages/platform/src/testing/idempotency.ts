import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";

const DAY_MS = 24 * 60 * 60_000;

/**
 * Stores three answers in the service's `idempotency_key` table (two older than 24 h, one younger),
 * runs its scheduled handler, and expects only the younger one left and the job's log line.
 */
export async function expectIdempotencyCleanup(
  service: string,
  worker: { scheduled(controller: ScheduledController, env: never, ctx: ExecutionContext): Promise<void> },
) {
  const db = (env as unknown as { DB: D1Database }).DB;
  const now = Date.now();
  const rows = [
    ["expired-1", now - DAY_MS - 1],
    ["expired-2", now - 2 * DAY_MS],
    ["fresh", now - DAY_MS + 60_000],
  ] as const;
  for (const [name, at] of rows) {
    await db
      .prepare(
        "insert into idempotency_key (scope_hash, request_hash, response_status, response_body, created_at) values (?, 'h', 201, '{}', ?)",
      )
      .bind(`test-${name}-${now}`, at)
      .run();
  }
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await worker.scheduled(
      createScheduledController({ scheduledTime: now }),
      env as never,
      createExecutionContext(),
    );
    const left = await db
      .prepare("select scope_hash from idempotency_key where scope_hash like ?")
      .bind(`test-%-${now}`)
      .all<{ scope_hash: string }>();
    expect(left.results.map((r) => r.scope_hash)).toEqual([`test-fresh-${now}`]);
    const line = log.mock.calls
      .map(([text]) => JSON.parse(String(text)))
      .find((l) => l.job === "idempotency-keys");
    expect(line).toMatchObject({ level: "info", service, job: "idempotency-keys" });
    expect(line.deleted).toBeGreaterThanOrEqual(2);
  } finally {
    log.mockRestore();
  }
}
