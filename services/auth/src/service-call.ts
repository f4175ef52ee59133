import { AsyncLocalStorage } from "node:async_hooks";

const TIMEOUT_MS = 5_000;

export type Peer = "user" | "org";

const PEERS = {
  user: { name: "user service", binding: "USER_SERVICE", url: "USER_SERVICE_URL" },
  org: { name: "org service", binding: "ORG_SERVICE", url: "ORG_SERVICE_URL" },
} as const;

/** A peer that could not answer: not configured, unreachable, too slow, or a 5xx. */
export class PeerUnavailable extends Error {
  constructor(
    readonly peer: Peer,
    reason: string,
  ) {
    super(`${PEERS[peer].name}: ${reason}`);
  }
}

/** A peer's refusal (a 4xx) of what the auth-side operation asked, with its envelope's code. */
export class PeerRefused extends Error {
  constructor(
    readonly peer: Peer,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Answer<T> {
  status: number;
  body: T;
}

const requestIds = new AsyncLocalStorage<string>();

/**
 * Better Auth's organization hooks get no request, so the worker runs each request inside this
 * scope and every call it makes sends the same `X-Request-Id`.
 */
export const withRequestId = <T>(requestId: string, fn: () => Promise<T>): Promise<T> =>
  requestIds.run(requestId, fn);

export const currentRequestId = (): string => requestIds.getStore() ?? crypto.randomUUID();

/**
 * Calls the user or org service as a service principal (gateway key, first service key, request id,
 * 5 s timeout), through its binding when bound, else its URL. Any answer below 500 is returned with
 * its JSON body; everything else is a PeerUnavailable.
 */
export async function callPeer<T>(
  env: AuthEnv,
  peer: Peer,
  method: string,
  path: string,
  options: { body?: unknown; organizationId?: string } = {},
): Promise<Answer<T>> {
  const { binding, url } = PEERS[peer];
  const serviceKey = env.SERVICE_API_KEY?.split(",")[0]?.trim();
  if (!env.INTERNAL_GATEWAY_KEY || !serviceKey) {
    throw new PeerUnavailable(peer, "not configured: INTERNAL_GATEWAY_KEY and SERVICE_API_KEY are required");
  }
  const headers: Record<string, string> = {
    "X-Internal-Key": env.INTERNAL_GATEWAY_KEY,
    "X-Service-API-Key": serviceKey,
    "X-Request-Id": currentRequestId(),
    Accept: "application/json",
  };
  if (options.organizationId) headers["X-Organization-Id"] = options.organizationId;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const init: RequestInit = {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  };
  let response: Response;
  try {
    // A service binding ignores the host, but the URL must still be absolute.
    if (env[binding]) response = await env[binding].fetch(`https://${peer}-service${path}`, init);
    else if (env[url]) response = await fetch(`${env[url].replace(/\/+$/, "")}${path}`, init);
    else throw new PeerUnavailable(peer, `not configured: no ${binding} binding or ${url}`);
  } catch (error) {
    if (error instanceof PeerUnavailable) throw error;
    throw new PeerUnavailable(peer, String(error));
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new PeerUnavailable(peer, `answered ${response.status}`);
  }
  if (response.status === 204) return { status: 204, body: undefined as T };
  try {
    return { status: response.status, body: (await response.json()) as T };
  } catch (error) {
    throw new PeerUnavailable(peer, `unreadable answer: ${String(error)}`);
  }
}

/** The answer when its status is one of `ok`; any other is the peer's refusal, passed on. */
export function okBody<T>(peer: Peer, answer: Answer<T>, ...ok: number[]): T {
  if (ok.includes(answer.status)) return answer.body;
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new PeerRefused(
    peer,
    answer.status,
    error?.code ?? "SYNC_REFUSED",
    error?.message ?? `The ${PEERS[peer].name} answered ${answer.status}`,
  );
}
