import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import {
  envelopeStatus,
  expectInvariants,
  failOnNth,
  faultyPeer,
  fileIssuer,
  json,
  PEER_FAULTS,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { SWEEP_GRACE_MS } from "../../src/jobs/personal-org-sweep";
import { createOrg, memberOf, onboardingBody, personalUser } from "../helpers";

const issuer = await fileIssuer();

/**
 * Every multi-step flow of the org service, one row each: how to set it up and the request that
 * runs it. Adding a flow (invitation accept, transfer, purge) is one more row.
 */
interface Flow {
  name: string;
  request: () => Promise<Request>;
  /** Whether the flow calls the user service (then each peer fault is injected too). */
  callsUserService: boolean;
}

const FLOWS: Flow[] = [
  {
    name: "org create by a user",
    callsUserService: true,
    request: async () => {
      const { headers } = await personalUser(issuer);
      return new Request("http://org.test/api/v1/organizations", {
        method: "POST",
        ...json({ name: `Faulted ${crypto.randomUUID().slice(0, 8)}` }, headers),
      });
    },
  },
  {
    name: "onboarding",
    callsUserService: true,
    request: async () =>
      new Request("http://org.test/api/v1/organizations/onboard", {
        method: "POST",
        ...json(onboardingBody(), serviceHeaders()),
      }),
  },
  {
    name: "context trigger",
    callsUserService: false,
    request: async () => {
      const { org, headers } = await memberOf(issuer, "admin");
      return new Request(`http://org.test/api/v1/organizations/${org.id}/context/trigger`, {
        method: "POST",
        headers,
      });
    },
  },
];

const run = (req: Request, overrides: Partial<Cloudflare.Env>) =>
  worker.fetch(req, { ...env, ...overrides }, createExecutionContext());

/** What a faulted flow may answer: its own success, or an envelope the caller can act on. */
async function expectHandled(res: Response) {
  const { status, code } = await envelopeStatus(res);
  if (status < 400) return;
  expect(status, `answered ${status} ${code}`).not.toBe(500);
  expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
  expect(code).toMatch(/^[A-Z_]+$/);
}

/** The sweep runs as if its grace period had passed, then every invariant must hold. */
async function expectConsistent() {
  const later = Date.now() + SWEEP_GRACE_MS + 60_000;
  await worker.scheduled(createScheduledController({ scheduledTime: later }), env, createExecutionContext());
  await expectInvariants({ org: env.DB, user: env.USER_DB });
}

describe.each(FLOWS)("fault injection: $name", (flow) => {
  it("D1 failing on each statement in turn: never a 500, nothing half-made", async () => {
    let n = 1;
    for (; n < 40; n++) {
      const req = await flow.request();
      const faulty = failOnNth(env.DB, n);
      const res = await run(req, { DB: faulty.db });
      await expectHandled(res);
      await expectConsistent();
      if (!faulty.state.fired) break;
    }
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(40);
  });

  it.each(flow.callsUserService ? PEER_FAULTS : [])(
    "the user service failing (%s): a 503 envelope, nothing half-made",
    async (fault) => {
      const res = await run(await flow.request(), { USER_SERVICE: faultyPeer(fault) });
      await expectHandled(res);
      expect(res.status).toBe(503);
      await expectConsistent();
    },
  );
});

describe("fault injection: the context queue", () => {
  it("send failing after the job row is written: a 503, the job marked failed and audited", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    const queue = { send: async () => Promise.reject(new Error("queue unavailable")) } as unknown as Queue;
    const res = await run(
      new Request(`http://org.test/api/v1/organizations/${org.id}/context/trigger`, {
        method: "POST",
        headers,
      }),
      { ORGANIZATION_CONTEXT_QUEUE: queue },
    );
    expect((await envelopeStatus(res)).status).toBe(503);
    const job = await env.DB.prepare("SELECT status FROM context_job WHERE organization_id = ?")
      .bind(org.id)
      .first<{ status: string }>();
    expect(job?.status).toBe("failed");
    await expectConsistent();
  });
});

describe("the invariants see a violation (they can fail)", () => {
  it("a memberless personal org is one until the sweep retires it", async () => {
    await createOrg({ kind: "personal", creatorId: crypto.randomUUID() });
    await expect(expectInvariants({ org: env.DB, user: env.USER_DB })).rejects.toThrow();
    await expectConsistent();
  });
});
