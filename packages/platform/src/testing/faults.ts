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
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          return async (...args: unknown[]) => {
            seen += 1;
            if (seen === n) throw fault();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    real.set(wrapped, statement);
    return wrapped;
  };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql));
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const first = seen + 1;
          seen += statements.length;
          if (n >= first && n <= seen) throw fault();
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, state };
}

/** How the other service misbehaves, at its binding. `forward` reaches the real one. */
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
