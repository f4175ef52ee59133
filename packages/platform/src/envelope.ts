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

/** At most this many details go into one error (a huge invalid body must not make a huge answer). */
export const MAX_ERROR_DETAILS = 100;
/** Messages echo caller input (a path, a value); the envelope's schema caps their length. */
export const MAX_MESSAGE = 1000;
export const MAX_PATH = 500;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function errorResponse<E extends AppEnv>(
  c: Context<E>,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
  headers: Record<string, string> = {},
) {
  const body: ErrorEnvelope = {
    error: {
      code,
      message: clip(message, MAX_MESSAGE),
      details: details.slice(0, MAX_ERROR_DETAILS).map((d) => ({
        ...d,
        message: clip(d.message, MAX_MESSAGE),
        ...(d.path === undefined ? {} : { path: clip(d.path, MAX_PATH) }),
      })),
    },
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
