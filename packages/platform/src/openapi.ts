import { type Hook, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv, PlatformBindings } from "./context";
import { errorResponse, zodDetails } from "./envelope";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "./errors";

export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.array(
        z.object({ path: z.string().optional(), message: z.string(), code: z.string().optional() }),
      ),
    }),
    requestId: z.string(),
    timestamp: z.iso.datetime(),
  })
  .openapi("ErrorEnvelope");

const DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input (validation failure or malformed JSON)",
  401: "Missing or invalid gateway key or credentials",
  403: "Authenticated but not allowed (tenant, role or entitlement)",
  404: "Not found",
  409: "Conflict with the current state",
  412: "If-Match did not match the current version",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Idempotency key reused with a different body",
  429: "Rate limited; see Retry-After",
  500: "Unexpected error",
  503: "A dependency (D1, R2, another service) failed or is not configured",
};

const errorContent = (status: number) => ({
  description: DESCRIPTIONS[status] ?? "Error",
  content: { "application/json": { schema: ErrorEnvelopeSchema } },
});

/** Every response the guard chain and `onError` can produce; `createGuardedRoute` adds them to each route. */
export const commonErrors = Object.fromEntries(
  [400, 401, 403, 415, 429, 500, 503].map((status) => [status, errorContent(status)]),
) as Record<400 | 401 | 403 | 415 | 429 | 500 | 503, ReturnType<typeof errorContent>>;

/** The error responses one route can give besides the common ones. */
export const errorsFor = (...codes: ErrorCode[]) =>
  Object.fromEntries(codes.map((code) => [ERROR_STATUS[code], errorContent(ERROR_STATUS[code])]));

export const jsonBody = <T extends z.ZodType>(schema: T, description = "JSON body") => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});

export const dataResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema: z.object({ data: schema }) } },
});

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
