import { type Hook, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv, PlatformBindings } from "./context";
import { BOOKMARK, BOOKMARK_HEADER, MAX_BOOKMARK_LENGTH } from "./d1-session";
import { errorResponse, MAX_ERROR_DETAILS, MAX_MESSAGE, MAX_PATH, zodDetails } from "./envelope";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "./errors";
import { REQUEST_ID_PATTERN } from "./request-id";

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().max(MAX_MESSAGE),
      details: z
        .array(
          z.object({
            path: z.string().max(MAX_PATH).optional(),
            message: z.string().max(MAX_MESSAGE),
            code: z.string().max(64).optional(),
          }),
        )
        .max(MAX_ERROR_DETAILS),
    }),
    requestId: z.string().max(128),
    timestamp: z.iso.datetime().max(30),
  })
  .openapi("ErrorEnvelope");

const DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (validation failure or malformed JSON)",
  401: "Missing or invalid gateway key or credentials",
  403: "Authenticated but not allowed (tenant, role or entitlement)",
  404: "Not found",
  409: "Conflict with the current state",
  412: "If-Match did not match the current version",
  413: "Payload too large (the body is over 6 MB, or over the route's own limit)",
  415: "Unsupported media type",
  422: "Idempotency key reused with a different body",
  429: "Rate limited; see Retry-After",
  500: "Unexpected error",
  503: "A dependency (D1, R2, another service) failed or is not configured",
};

/** A response header as the document declares it. */
export type HeaderDoc = {
  description: string;
  required?: boolean;
  schema: {
    type: "string" | "integer";
    maxLength?: number;
    pattern?: string;
    format?: string;
    minimum?: number;
    maximum?: number;
  };
};

/** Every response carries the request id it was served under. */
export const REQUEST_ID_HEADER: Record<string, HeaderDoc> = {
  "X-Request-Id": {
    description: "The request id (taken from the request's X-Request-Id or cf-ray when safe, else generated)",
    required: true,
    schema: { type: "string", maxLength: 128, pattern: REQUEST_ID_PATTERN.source },
  },
};

/** The D1 session's bookmark (read replication), on every /api/v1 answer that read or wrote D1. */
export const D1_BOOKMARK_HEADER: Record<string, HeaderDoc> = {
  [BOOKMARK_HEADER]: {
    description:
      "The D1 session's latest bookmark. Send it back as the X-D1-Bookmark request header to read at least " +
      "this fresh a copy of the data (read-your-writes across read replicas).",
    schema: { type: "string", maxLength: MAX_BOOKMARK_LENGTH, pattern: BOOKMARK.source },
  },
};

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) a rate-limited route sends. */
export const RATE_LIMIT_HEADERS: Record<string, HeaderDoc> = {
  "RateLimit-Policy": {
    description:
      'The quota policies that applied to this request, e.g. `"default";q=100;w=60` (100 requests per 60 s). ' +
      "Sent once the caller is identified and the limiter ran.",
    schema: { type: "string", maxLength: 200 },
  },
  RateLimit: {
    description:
      'What is left of a policy, e.g. `"default";r=0;t=60`, sent where the limiter knows it: on a 429, and for ' +
      "the counted windows (such as deleting an organization) on every answer.",
    schema: { type: "string", maxLength: 200 },
  },
};

const RETRY_AFTER_HEADER: Record<string, HeaderDoc> = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    required: true,
    schema: { type: "integer", format: "int32", minimum: 1, maximum: 86_400 },
  },
};

const errorContent = (status: number) => ({
  description: DESCRIPTIONS[status] ?? "Error",
  content: { "application/json": { schema: ErrorEnvelopeSchema } },
  ...(status === 429 ? { headers: { ...RETRY_AFTER_HEADER } } : {}),
});

/** Every response the guard chain and `onError` can produce; `createGuardedRoute` adds them to each route. */
export const commonErrors = Object.fromEntries(
  [400, 401, 403, 415, 429, 500, 503].map((status) => [status, errorContent(status)]),
) as Record<400 | 401 | 403 | 415 | 429 | 500 | 503, ReturnType<typeof errorContent>>;

/** The body limit's answer, which every operation that takes a body can give. */
export const payloadTooLarge = { 413: errorContent(413) };

/** The error responses one route can give besides the common ones. */
export const errorsFor = <C extends ErrorCode>(...codes: C[]) =>
  Object.fromEntries(codes.map((code) => [ERROR_STATUS[code], errorContent(ERROR_STATUS[code])])) as Record<
    (typeof ERROR_STATUS)[C],
    ReturnType<typeof errorContent>
  >;

/** A JSON request body; `example` is what the reference shows and must parse with `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T, example: z.input<T>, description = "JSON body") => ({
  required: true,
  description,
  content: { "application/json": { schema, example } },
});

export const dataResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema: z.object({ data: schema }) } },
});

interface ResponseDoc {
  description: string;
  headers?: unknown;
  [key: string]: unknown;
}

/**
 * Adds the headers the platform sends to a route's documented responses: X-Request-Id on all,
 * X-D1-Bookmark where the request touched D1, the RateLimit fields on the 2xx and 4xx answers of a
 * rate-limited route.
 */
export function withPlatformHeaders<T extends Record<string, ResponseDoc>>(
  responses: T,
  rateLimited: boolean,
): T {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      const limited = rateLimited && /^[24]/.test(status);
      const headers = {
        ...(response.headers as Record<string, HeaderDoc> | undefined),
        ...REQUEST_ID_HEADER,
        ...D1_BOOKMARK_HEADER,
        ...(limited ? RATE_LIMIT_HEADERS : {}),
      };
      return [status, { ...response, headers }];
    }),
  ) as T;
}

const LOCATION: Record<string, string> = {
  json: "body",
  form: "body",
  query: "query",
  param: "path",
  header: "header",
};

/** Turns every failed zod check into the INVALID_INPUT envelope, with one detail per issue. */
function validationHook<E extends AppEnv>(): Hook<unknown, E, string, unknown> {
  return (result, c) => {
    if (!result.success) {
      const details = zodDetails(result.error, LOCATION[result.target]);
      return errorResponse(c, "INVALID_INPUT", "Request validation failed", details);
    }
  };
}

export const createRouter = <B extends PlatformBindings, V extends object = object>() =>
  new OpenAPIHono<AppEnv<B, V>>({ strict: false, defaultHook: validationHook<AppEnv<B, V>>() });

/** A route's path parameters: each key is documented as the path's `{key}` segment. */
export function pathParams<S extends Record<string, z.ZodType>>(shape: S) {
  const documented = Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => [name, schema.openapi({ param: { name, in: "path" } })]),
  );
  return z.object(documented as S);
}

const INT32 = 2 ** 31;

/**
 * Names the integer format each integer schema's own bounds (from zod's `.min`/`.max`) fit in:
 * int32 when both lie in its range, int64 otherwise. The bounds are the validation; the format
 * only tells a client generator which type holds them.
 */
export function withIntegerFormats<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) withIntegerFormats(item);
  } else if (node && typeof node === "object") {
    const schema = node as Record<string, unknown>;
    const integer =
      schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer"));
    if (integer && schema.format === undefined) {
      const min = schema.minimum as number | undefined;
      const max = schema.maximum as number | undefined;
      const fits = min !== undefined && max !== undefined && min >= -INT32 && max < INT32;
      schema.format = fits ? "int32" : "int64";
    }
    for (const value of Object.values(schema)) withIntegerFormats(value);
  }
  return node;
}
