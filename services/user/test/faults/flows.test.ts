import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import {
  envelopeStatus,
  expectData,
  expectInvariants,
  failingPut,
  failOnNth,
  faultyPeerOnNth,
  fileIssuer,
  imageForm,
  invariantViolations,
  json,
  makePng,
  PEER_FAULTS,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { SWEEP_AGE_MS } from "../../src/jobs/avatar-sweep";
import { api, createOrg, createUser } from "../helpers";

const issuer = await fileIssuer();

/**
 * Every multi-step flow of the user service, one row each (how to make the request that runs it).
 * Adding a flow is one more row.
 */
interface Flow {
  name: string;
  /** Whether the flow calls the org service (then each peer fault is injected at each call). */
  callsOrgService: boolean;
  /** Whether the flow stores an object in R2 (then a failing `put` is injected too). */
  putsToR2?: boolean;
  request: () => Promise<Request>;
}

const identity = () => {
  const id = crypto.randomUUID().slice(0, 8);
  return { betterAuthUserId: `ba_${id}`, email: `fault-${id}@example.com`, name: `Fault ${id}` };
};

const FLOWS: Flow[] = [
  {
    name: "auth-service sync (user row, personal org, link)",
    callsOrgService: true,
    request: async () =>
      new Request("http://user.test/api/v1/users", { method: "POST", ...json(identity(), serviceHeaders()) }),
  },
  {
    // The org service's transfer route calls this; its own row is in the org service's suite.
    name: "ownership transfer (promote, demote, two audit entries)",
    callsOrgService: false,
    request: async () => {
      // Born with an owner (a creator), so "a live organization born with an owner has none" watches it.
      const org = await createOrg({ creatorId: crypto.randomUUID() });
      const [owner, target] = [await createUser(org.id, "owner"), await createUser(org.id, "member")];
      return new Request("http://user.test/api/v1/users/transfer-ownership", {
        method: "POST",
        ...json({ organizationId: org.id, fromUserId: owner.id, toUserId: target.id }, serviceHeaders()),
      });
    },
  },
  {
    name: "profile picture upload (R2 put, user row)",
    callsOrgService: false,
    putsToR2: true,
    request: async () => {
      const user = await createUser();
      // A picture first, so the upload also replaces (and deletes) a previous object.
      await expectData(
        await api(`/api/v1/users/${user.id}/profile-picture`, {
          method: "POST",
          body: imageForm("picture", await makePng(2, 2, 1)),
          headers: await issuer.headersFor(user),
        }),
        200,
      );
      return new Request(`http://user.test/api/v1/users/${user.id}/profile-picture`, {
        method: "POST",
        body: imageForm("picture", await makePng(3, 2, 2)),
        headers: await issuer.headersFor(user),
      });
    },
  },
];

const run = async (req: Request, overrides: Partial<Cloudflare.Env>) =>
  worker.fetch(req, { ...env, ...overrides }, createExecutionContext());

async function expectHandled(res: Response) {
  const { status, code } = await envelopeStatus(res);
  if (status < 400) return;
  expect(status, `answered ${status} ${code}`).not.toBe(500);
  expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
  expect(code).toMatch(/^[A-Z_]+$/);
}

/** The avatar sweep runs as if its hour had passed, then every invariant must hold, R2 included. */
async function consistent() {
  const later = Date.now() + SWEEP_AGE_MS + 60_000;
  await worker.scheduled(createScheduledController({ scheduledTime: later }), env, createExecutionContext());
  await expectInvariants(
    { org: env.ORG_DB, user: env.DB },
    { buckets: { user: env.R2_BUCKET }, objectsAsOf: later },
  );
}

describe.each(FLOWS)("fault injection: $name", (flow) => {
  it("D1 failing on each statement in turn: never a 500, nothing half-made", async () => {
    let n = 1;
    for (; n < 40; n++) {
      const faulty = failOnNth(env.DB, n);
      await expectHandled(await run(await flow.request(), { DB: faulty.db }));
      await consistent();
      if (!faulty.state.fired) break;
    }
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(40);
  }, 600_000);

  it.each(flow.callsOrgService ? PEER_FAULTS : [])(
    "the org service failing (%s) at each call in turn: a 503 envelope at the first, nothing half-made",
    async (fault) => {
      let n = 1;
      for (; n < 20; n++) {
        const faulty = faultyPeerOnNth(env.ORG_SERVICE, fault, n);
        const res = await run(await flow.request(), { ORG_SERVICE: faulty.peer });
        if (n === 1) expect(res.status).toBe(503);
        await expectHandled(res);
        await consistent();
        if (!faulty.state.fired) break;
      }
      expect(n).toBeGreaterThan(1);
    },
    600_000,
  );

  it.each(flow.putsToR2 ? ["put"] : [])(
    "R2 %s failing: a 503 envelope, no row points at a missing object",
    async () => {
      const res = await run(await flow.request(), { R2_BUCKET: failingPut(env.R2_BUCKET) });
      expect(await envelopeStatus(res)).toEqual({ status: 503, code: "SERVICE_UNAVAILABLE" });
      await consistent();
    },
  );
});

describe("the invariants see a violation (they can fail)", () => {
  it("a picture nothing points at is one until the avatar sweep removes it", async () => {
    const orphan = `avatars/${crypto.randomUUID()}/${"d".repeat(64)}.png`;
    await env.R2_BUCKET.put(orphan, "x");
    const asOfLater = { buckets: { user: env.R2_BUCKET }, objectsAsOf: Date.now() + SWEEP_AGE_MS + 60_000 };
    expect(await invariantViolations({ org: env.ORG_DB, user: env.DB }, asOfLater)).toEqual([
      { invariant: "an R2 profile picture no user points at, after the avatar sweep", id: orphan },
    ]);
    await consistent();
  });
});
