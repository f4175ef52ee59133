import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { AppEnv } from "./context";
import { d1Unavailable } from "./db-errors";
import { ApiError, codeForStatus, ERROR_STATUS, type ErrorCode, type ErrorDetail } from "./errors";
import { logError } from "./logger";

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
  requestId: string;
  timestamp: string;
}

export function errorResponse<E extends AppEnv>(
  c: Context<E>,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
  headers: Record<string, string> = {},
) {
  const body: ErrorEnvelope = {
    error: { code, message, details },
    requestId: c.get("requestId") ?? "",
    timestamp: new Date().toISOString(),
  };
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(body, ERROR_STATUS[code] as ContentfulStatusCode);
}

export function zodDetails(error: ZodError, location?: string): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
    code: issue.code,
  }));
}

export function onError<E extends AppEnv>(err: Error, c: Context<E>) {
  if (err instanceof ApiError) {
    if (err.code === "SERVICE_UNAVAILABLE" || err.code === "INTERNAL_ERROR") logError(c, err);
    return errorResponse(c, err.code, err.message, err.details, err.headers);
  }
  if (err instanceof HTTPException) {
    const code = codeForStatus(err.status);
    // Hono's own messages (malformed JSON, body too large, media type) are safe to show.
    return errorResponse(c, code, err.message || code);
  }
  logError(c, err);
  if (d1Unavailable(err)) return errorResponse(c, "SERVICE_UNAVAILABLE", "The database is unavailable");
  return errorResponse(c, "INTERNAL_ERROR", "An unexpected error occurred");
}

export const onNotFound = <E extends AppEnv>(c: Context<E>) =>
  errorResponse(c, "NOT_FOUND", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
