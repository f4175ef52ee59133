import { interceptD1 } from "./intercept";

/**
 * Fault injection at the binding boundary: `db` whose `n`th statement fails as D1 fails when it
 * is unavailable (a batch holding the `n`th statement fails whole, as D1 batches are atomic).
 * `fired` tells whether the flow got that far: a fault-injection loop raises `n` until it did not.
 */
export function failOnNth(db: D1Database, n: number) {
  let seen = 0;
  const state = { fired: false };
  const fault = () => {
    state.fired = true;
    return new Error("D1_ERROR: Network connection lost. (injected)");
  };
  const faulty = interceptD1(db, {
    statement: () => {
      seen += 1;
      if (seen === n) throw fault();
    },
    batch: (sqls) => {
      const first = seen + 1;
      seen += sqls.length;
      if (n >= first && n <= seen) throw fault();
    },
  });
  return { db: faulty, state };
}

/** How the other service misbehaves, at its binding. */
export type PeerFault = "500" | "timeout" | "malformed JSON" | "connection refused";
export const PEER_FAULTS: PeerFault[] = ["500", "timeout", "malformed JSON", "connection refused"];

export function faultyPeer(fault: PeerFault): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      switch (fault) {
        case "500":
          return new Response("upstream exploded", { status: 500 });
        case "malformed JSON":
          return new Response('{"data": {"id": ', {
            status: 200,
            headers: { "content-type": "application/json" },
          });
        case "connection refused":
          throw new TypeError("connection refused");
        case "timeout":
          // Never answers: the caller's own timeout (its AbortSignal) must end the wait.
          return new Promise<Response>((_, reject) => {
            req.signal.addEventListener("abort", () => reject(req.signal.reason));
          });
      }
    },
    connect: () => {
      throw new TypeError("not supported");
    },
  } as unknown as Fetcher;
}

/**
 * `real` with only its `n`th call answered by `fault` (the calls before it reach the real peer,
 * and so do the ones after, such as a compensation). `fired` tells whether the flow made that many
 * calls: a fault-injection loop raises `n` until it did not.
 */
export function faultyPeerOnNth(real: Fetcher, fault: PeerFault, n: number) {
  let seen = 0;
  const state = { fired: false };
  const faulty = faultyPeer(fault);
  const peer = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      seen += 1;
      if (seen !== n) return real.fetch(input, init);
      state.fired = true;
      return faulty.fetch(input, init);
    },
    connect: () => {
      throw new TypeError("not supported");
    },
  } as unknown as Fetcher;
  return { peer, state };
}

/** `bucket` whose `put` fails as R2 does when it is unavailable; every other call reaches it. */
export function failingPut(bucket: R2Bucket): R2Bucket {
  return new Proxy(bucket, {
    get(target, prop) {
      if (prop === "put") return async () => Promise.reject(new Error("R2 put failed (injected)"));
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Asserts-free check that an answer is an error envelope a client can act on: 4xx or 503, never 500. */
export async function envelopeStatus(res: Response): Promise<{ status: number; code: string | null }> {
  const text = await res.text();
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    code = null;
  }
  return { status: res.status, code };
}
