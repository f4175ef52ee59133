import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  FEATURE_NOT_AVAILABLE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_IN_ORGANIZATION: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_ENTITY: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export interface ErrorDetail {
  path?: string;
  message: string;
  code?: string;
}

/** The one error type handlers throw; `onError` turns it into the envelope. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(ERROR_STATUS[code], { message, cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

export const notFound = (resource: string) => new ApiError("NOT_FOUND", `${resource} not found`);
export const unavailable = (dependency: string, cause?: unknown) =>
  new ApiError("SERVICE_UNAVAILABLE", `${dependency} is unavailable`, { cause });

const STATUS_CODE: Partial<Record<number, ErrorCode>> = Object.fromEntries(
  Object.entries(ERROR_STATUS)
    .filter(([code]) => code !== "FEATURE_NOT_AVAILABLE" && code !== "ALREADY_IN_ORGANIZATION")
    .map(([code, status]) => [status, code as ErrorCode]),
);

/** Maps a bare HTTP status (from Hono internals such as bodyLimit or the validator) to our code. */
export const codeForStatus = (status: number): ErrorCode =>
  STATUS_CODE[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "INVALID_INPUT");
