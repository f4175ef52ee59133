import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "./context";

/** One structured line per request. Never the body, headers, emails, tokens or keys. */
export const requestLog = (service: string): MiddlewareHandler<AppEnv> => {
  return async (c, next) => {
    const started = performance.now();
    await next();
    console.log(
      JSON.stringify({
        level: "info",
        service,
        method: c.req.method,
        route: routePath(c, -1),
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        requestId: c.get("requestId"),
        principal: c.get("principal")?.kind ?? "none",
      }),
    );
  };
};

/** Logs an unexpected error by name and message only: a cause may carry SQL or a secret. */
export function logError<E extends AppEnv>(c: Context<E>, err: unknown) {
  const error = err instanceof Error ? err : new Error(String(err));
  const cause = error.cause instanceof Error ? error.cause : undefined;
  console.error(
    JSON.stringify({
      level: "error",
      requestId: c.get("requestId"),
      route: routePath(c, -1),
      error: error.name,
      // drizzle appends the bound parameters (which can hold emails) after "params:".
      message: error.message.split("params:")[0]?.trim(),
      cause: cause?.name,
    }),
  );
}

/**
 * One line per scheduled job run: its counts, or the error's name and message (never its cause,
 * which may carry SQL or a secret).
 */
export function logJob(
  service: string,
  job: string,
  outcome: { counts: Record<string, number> } | { error: unknown },
) {
  if ("counts" in outcome) {
    console.log(JSON.stringify({ level: "info", service, job, ...outcome.counts }));
    return;
  }
  const error = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
  console.error(
    JSON.stringify({
      level: "error",
      service,
      job,
      error: error.name,
      message: error.message.split("params:")[0]?.trim(),
    }),
  );
}
