import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { d1Session, routedD1 } from "./d1-session";

/**
 * The real binding, whose sessions record the SQL of every statement prepared on them; `sessions[i]`
 * is the i-th session opened. Statements prepared on the binding itself go to `direct`.
 */
function recordingBinding() {
  const db = (env as unknown as { DB: D1Database }).DB;
  const sessions: string[][] = [];
  const direct: string[] = [];
  const recorded = (target: D1Database | D1DatabaseSession, log: string[]) =>
    new Proxy(target, {
      get(inner, prop) {
        if (prop === "prepare") {
          return (sql: string) => {
            log.push(sql);
            return inner.prepare(sql);
          };
        }
        const value = Reflect.get(inner, prop, inner);
        return typeof value === "function" ? value.bind(inner) : value;
      },
    });
  const binding = new Proxy(recorded(db, direct) as D1Database, {
    get(inner, prop) {
      if (prop === "withSession") {
        return (constraint?: string) => {
          const log: string[] = [];
          sessions.push(log);
          return recorded(db.withSession(constraint), log);
        };
      }
      return Reflect.get(inner, prop, inner);
    },
  });
  return { binding, sessions, direct };
}

describe("routedD1", () => {
  it("runs a statement prepared once in the session of whichever request executes it", async () => {
    const { binding, sessions, direct } = recordingBinding();
    const statement = routedD1(binding).prepare("SELECT ?1 AS n");
    // Both requests open their sessions before either runs the statement, so a statement that
    // kept the first session it saw would run request b's query in request a's session.
    let bothOpen!: () => void;
    const opened = new Promise<void>((resolve) => (bothOpen = resolve));
    let waiting = 0;
    const app = new Hono<{ Bindings: { DB: D1Database } }>().use(d1Session()).get("/:n", async (c) => {
      if (++waiting === 2) bothOpen();
      await opened;
      return c.json(await statement.bind(Number(c.req.param("n"))).first());
    });

    const [a, b] = await Promise.all([1, 2].map((n) => app.request(`/${n}`, {}, { DB: binding })));
    expect([await a?.json(), await b?.json()]).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sessions).toEqual([["SELECT ?1 AS n"], ["SELECT ?1 AS n"]]);
    expect(direct).toEqual([]);
    expect(a?.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
  });

  it("runs a batch in the request's session, and on the binding outside a request", async () => {
    const { binding, sessions, direct } = recordingBinding();
    const db = routedD1(binding);
    const app = new Hono<{ Bindings: { DB: D1Database } }>().use(d1Session()).post("/", async (c) => {
      const [one, two] = await c.env.DB.batch([db.prepare("SELECT 1 AS n"), db.prepare("SELECT 2 AS n")]);
      return c.json([one?.results, two?.results]);
    });

    const res = await app.request("/", { method: "POST" }, { DB: binding });
    expect(await res.json()).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect(sessions).toEqual([["SELECT 1 AS n", "SELECT 2 AS n"]]);

    expect(await db.prepare("SELECT 3 AS n").first("n")).toBe(3);
    expect(direct).toEqual(["SELECT 3 AS n"]);
    expect(routedD1(binding)).toBe(db);
  });
});
