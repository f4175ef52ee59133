import type { Context } from "hono";
import { requireSetting, secretList } from "./config";
import type { AppEnv, PlatformBindings } from "./context";
import { ApiError, ERROR_STATUS, type ErrorCode, type ErrorDetail, unavailable } from "./errors";

export interface ServiceTarget {
  /** Human name used in 503 messages, e.g. "user service". */
  name: string;
  /** A service binding; preferred when present. */
  binding?: { fetch: (request: Request) => Promise<Response> };
  /** Used when there is no binding. */
  baseUrl?: string;
  timeoutMs?: number;
}

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  organizationId?: string;
  headers?: Record<string, string>;
  /** Return the 2xx body as text, unparsed (to pass a peer's JSON answer through). */
  text?: boolean;
}

export interface ServiceResponse<T = unknown> {
  status: number;
  body: T;
}

export type ServiceCaller = <T = unknown>(
  method: string,
  path: string,
  options?: CallOptions,
) => Promise<ServiceResponse<T>>;

const BINDING_ORIGIN = "https://service.internal";

/** Outside a request (a queue consumer), the caller names its env and the request id to propagate. */
export interface CallSource {
  env: PlatformBindings;
  requestId: string;
}

/** `fetch` as a peer call makes it: what `hc` from `hono/client` takes as its `fetch` option. */
export type ServiceFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The transport under every call to a peer service, as a service principal: the request's path and
 * query go to the binding (preferred) or the base URL, with the same headers and timeout either way
 * and the request id propagated. Network failures, timeouts and 5xx answers become
 * SERVICE_UNAVAILABLE; any other answer is returned for the typed client to interpret. Only the
 * path and query of `input` are used, so a client may be built on any origin.
 */
export function createServiceFetch<E extends AppEnv>(
  source: Context<E> | CallSource,
  target: ServiceTarget,
): ServiceFetch {
  const env: PlatformBindings = source.env;
  const requestId = "req" in source ? source.get("requestId") : source.requestId;
  return async (input, init = {}) => {
    const origin = target.binding ? BINDING_ORIGIN : target.baseUrl?.replace(/\/+$/, "");
    if (!origin) throw unavailable(`The ${target.name} (not configured)`);
    const requested = new URL(input instanceof Request ? input.url : input);
    const headers = new Headers(init.headers);
    headers.set("x-internal-key", requireSetting(env.INTERNAL_GATEWAY_KEY, "INTERNAL_GATEWAY_KEY"));
    const serviceKey = secretList(env.SERVICE_API_KEY)[0];
    if (!serviceKey) throw unavailable("Configuration (SERVICE_API_KEY)");
    headers.set("x-service-api-key", serviceKey);
    headers.set("x-request-id", requestId);
    headers.set("accept", "application/json");
    const request = new Request(new URL(`${origin}${requested.pathname}${requested.search}`), {
      method: init.method,
      headers,
      body: init.body,
      signal: AbortSignal.timeout(target.timeoutMs ?? 5_000),
    });

    let response: Response;
    try {
      response = await (target.binding ? target.binding.fetch(request) : fetch(request));
    } catch (err) {
      throw unavailable(`The ${target.name}`, err);
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw unavailable(`The ${target.name}`, new Error(`answered ${response.status}`));
    }
    return response;
  };
}

/**
 * Calls a peer service through `createServiceFetch`, with the path written by the caller; the 2xx
 * or 4xx answer comes back parsed (a body that does not parse is SERVICE_UNAVAILABLE too).
 */
export function createServiceCaller<E extends AppEnv>(
  source: Context<E> | CallSource,
  target: ServiceTarget,
): ServiceCaller {
  const serviceFetch = createServiceFetch(source, target);
  return async <T>(method: string, path: string, options: CallOptions = {}) => {
    const url = new URL(`${BINDING_ORIGIN}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers = new Headers(options.headers);
    if (options.organizationId) headers.set("x-organization-id", options.organizationId);
    if (options.body !== undefined) headers.set("content-type", "application/json");
    const response = await serviceFetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    let body: T;
    try {
      body =
        response.status === 204
          ? (undefined as T)
          : options.text && response.ok
            ? ((await response.text()) as T)
            : ((await response.json()) as T);
    } catch (err) {
      throw unavailable(`The ${target.name}`, err);
    }
    return { status: response.status, body };
  };
}

/** For typed clients: an unexpected 4xx from a peer is our bug or a contract drift, not the caller's. */
export function unexpectedAnswer(target: string, status: number): ApiError {
  return unavailable(`The ${target}`, new Error(`unexpected status ${status}`));
}

/** Peer refusals that are about what our caller sent, not about us (credentials, our own budget). */
const CALLERS_ERRORS = new Set<ErrorCode>(["INVALID_INPUT", "NOT_FOUND", "CONFLICT", "UNPROCESSABLE_ENTITY"]);

/**
 * A peer's 4xx answer to a request our caller shaped (a cursor, a page size): the caller's error,
 * passed on as the peer's envelope with the same code, message and details. A 401/403/429 from the
 * peer is about this service's key or budget, and anything else unexpected, so those stay a 503.
 */
export function passOnClientError(target: string, res: ServiceResponse): ApiError {
  const error = (res.body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } })?.error;
  const code = error?.code as ErrorCode | undefined;
  if (code && CALLERS_ERRORS.has(code) && ERROR_STATUS[code] === res.status) {
    return new ApiError(code, error?.message ?? `The ${target} refused the request`, {
      details: Array.isArray(error?.details) ? error.details : [],
    });
  }
  return unexpectedAnswer(target, res.status);
}
