import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import {
  envelopeStatus,
  expectInvariants,
  failOnNth,
  faultyPeer,
  json,
  PEER_FAULTS,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";

/**
 * Every multi-step flow of the user service, one row each (the request that runs it). Adding a
 * flow is one more row.
 */
interface Flow {
  name: string;
  request: () => Request;
}

const identity = () => {
  const id = crypto.randomUUID().slice(0, 8);
  return { betterAuthUserId: `ba_${id}`, email: `fault-${id}@example.com`, name: `Fault ${id}` };
};

const FLOWS: Flow[] = [
  {
    name: "auth-service sync (user row, personal org, link)",
    request: () =>
      new Request("http://user.test/api/v1/users", { method: "POST", ...json(identity(), serviceHeaders()) }),
  },
];

const run = (req: Request, overrides: Partial<Cloudflare.Env>) =>
  worker.fetch(req, { ...env, ...overrides }, createExecutionContext());

async function expectHandled(res: Response) {
  const { status, code } = await envelopeStatus(res);
  if (status < 400) return;
  expect(status, `answered ${status} ${code}`).not.toBe(500);
  expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
  expect(code).toMatch(/^[A-Z_]+$/);
}

const consistent = () => expectInvariants({ org: env.ORG_DB, user: env.DB });

describe.each(FLOWS)("fault injection: $name", (flow) => {
  it("D1 failing on each statement in turn: never a 500, nothing half-made", async () => {
    let n = 1;
    for (; n < 40; n++) {
      const faulty = failOnNth(env.DB, n);
      await expectHandled(await run(flow.request(), { DB: faulty.db }));
      await consistent();
      if (!faulty.state.fired) break;
    }
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(40);
  });

  it.each(PEER_FAULTS)("the org service failing (%s): a 503 envelope, nothing half-made", async (fault) => {
    const res = await run(flow.request(), { ORG_SERVICE: faultyPeer(fault) });
    await expectHandled(res);
    expect(res.status).toBe(503);
    await consistent();
  });
});
