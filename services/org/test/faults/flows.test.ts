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
  rowsOf,
  serviceHeaders,
  userHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { SWEEP_AGE_MS } from "../../src/jobs/image-sweep";
import { SWEEP_WINDOW_MS } from "../../src/jobs/personal-org-sweep";
import { purgeDeleted } from "../../src/jobs/purge";
import {
  createOrg,
  createUser,
  invite,
  memberOf,
  onboardingBody,
  personalUser,
  post,
  teamOrg,
  tokenFor,
} from "../helpers";

const issuer = await fileIssuer();
const DAY = 86_400_000;

/** What a prepared flow does against an env with some bindings replaced: an answer, or none (a job). */
type Run = (env: Cloudflare.Env) => Promise<Response | null>;

/**
 * Every multi-step flow of the org service, one row each: how to set it up and what runs it.
 * Adding a flow is one more row.
 */
interface Flow {
  name: string;
  /** Whether the flow calls the user service (then each peer fault is injected at each call). */
  callsUserService: boolean;
  /** Whether the flow stores an object in R2 (then a failing `put` is injected too). */
  putsToR2?: boolean;
  prepare: () => Promise<{ run: Run; after?: () => Promise<void> }>;
}

/** A flow that is one request. */
const request =
  (make: () => Promise<Request>): Flow["prepare"] =>
  async () => {
    const req = await make();
    return { run: (faulted) => worker.fetch(req, faulted, createExecutionContext()) };
  };

const logoPath = (id: string, step: string) => `/api/v1/organizations/${id}/logo/${step}`;

/** A logo upload ticket for `bytes` in a fresh organization. */
async function ticketFor(bytes: Uint8Array) {
  const org = await createOrg();
  const res = await post(
    logoPath(org.id, "upload-ticket"),
    { contentType: "image/png", contentLength: bytes.length },
    serviceHeaders(org.id),
  );
  const { data } = await expectData<{ data: { uploadUrl: string; tmpKey: string } }>(res, 201);
  return { org, ...data };
}

/** The browser's PUT to the upload URL (a Request made here carries no Content-Length of its own). */
const putBytes = (url: string, bytes: Uint8Array) =>
  new Request(url, {
    method: "PUT",
    body: bytes,
    headers: { "Content-Type": "image/png", "Content-Length": String(bytes.length) },
  });

const orgRows = async (id: string) => ({
  organization: await rowsOf<{ deleted_at: number | null }>(
    env.DB,
    "select deleted_at from organization where id = ?",
    id,
  ),
  apiKeys: (await rowsOf(env.DB, "select id from api_key where organization_id = ?", id)).length,
  settings: (
    await rowsOf(env.DB, "select organization_id from organization_settings where organization_id = ?", id)
  ).length,
});

/** An organization deleted 40 days ago with an owner, a member, an API key, settings and a logo. */
async function purgeable() {
  const org = await createOrg();
  await createUser(org.id, "owner");
  await createUser(org.id, "member");
  await expectData(
    await post(
      `/api/v1/organizations/${org.id}/api-keys`,
      { name: "k", scopes: ["all:read"] },
      serviceHeaders(org.id),
    ),
    201,
  );
  await expectData(
    await worker.fetch(
      new Request(`http://org.test/api/v1/organizations/${org.id}/settings/branding/logo`, {
        method: "POST",
        body: imageForm("logo", await makePng(2, 2, 7)),
        headers: serviceHeaders(org.id),
      }),
      env,
      createExecutionContext(),
    ),
    200,
  );
  // Soft-deleted behind the API's back (the delete limit would stop a file of deletes), in the past.
  await env.DB.prepare("update organization set deleted_at = ? where id = ?")
    .bind(Date.now() - 40 * DAY, org.id)
    .run();
  return org;
}

const FLOWS: Flow[] = [
  {
    name: "org create by a user",
    callsUserService: true,
    prepare: request(async () => {
      const { headers } = await personalUser(issuer);
      return new Request("http://org.test/api/v1/organizations", {
        method: "POST",
        ...json({ name: `Faulted ${crypto.randomUUID().slice(0, 8)}` }, headers),
      });
    }),
  },
  {
    name: "onboarding",
    callsUserService: true,
    prepare: request(
      async () =>
        new Request("http://org.test/api/v1/organizations/onboard", {
          method: "POST",
          ...json(onboardingBody(), serviceHeaders()),
        }),
    ),
  },
  {
    name: "context trigger",
    callsUserService: false,
    prepare: request(async () => {
      const { org, headers } = await memberOf(issuer, "admin");
      return new Request(`http://org.test/api/v1/organizations/${org.id}/context/trigger`, {
        method: "POST",
        headers,
      });
    }),
  },
  {
    name: "ownership transfer",
    callsUserService: true,
    prepare: request(async () => {
      // Born with an owner (a creator), so "a live organization born with an owner has none" watches it.
      const org = await createOrg({ creatorId: crypto.randomUUID() });
      const { token } = await tokenFor(issuer, org.id, "owner");
      const headers = userHeaders(token);
      const target = await createUser(org.id, "member");
      return new Request(`http://org.test/api/v1/organizations/${org.id}/transfer-ownership`, {
        method: "POST",
        ...json({ userId: target.id }, headers),
      });
    }),
  },
  {
    name: "logo upload (direct)",
    callsUserService: false,
    putsToR2: true,
    prepare: request(async () => {
      const org = await createOrg();
      return new Request(`http://org.test/api/v1/organizations/${org.id}/settings/branding/logo`, {
        method: "POST",
        body: imageForm("logo", await makePng(3, 2, Math.floor(Math.random() * 200))),
        headers: serviceHeaders(org.id),
      });
    }),
  },
  {
    name: "logo upload (two-step): the bytes at the upload URL",
    callsUserService: false,
    putsToR2: true,
    prepare: request(async () => {
      const bytes = await makePng(3, 3, 9);
      return putBytes((await ticketFor(bytes)).uploadUrl, bytes);
    }),
  },
  {
    name: "logo upload (two-step): finalize",
    callsUserService: false,
    putsToR2: true,
    prepare: request(async () => {
      const bytes = await makePng(4, 3, Math.floor(Math.random() * 200));
      const { org, uploadUrl, tmpKey } = await ticketFor(bytes);
      expect((await worker.fetch(putBytes(uploadUrl, bytes), env, createExecutionContext())).status).toBe(
        204,
      );
      return new Request(`http://org.test${logoPath(org.id, "finalize")}`, {
        method: "POST",
        ...json({ tmpKey }, serviceHeaders(org.id)),
      });
    }),
  },
  {
    name: "purge (scheduled)",
    callsUserService: true,
    prepare: async () => {
      const org = await purgeable();
      return {
        // The scheduled runner catches what a job throws (the audit retention step is not per org).
        run: async (faulted) => {
          await purgeDeleted(faulted, Date.now()).catch(() => null);
          return null;
        },
        // A failed run leaves the org whole (deleted, awaiting its purge) or purged, never between.
        after: async () => {
          const rows = await orgRows(org.id);
          if (rows.organization.length === 0)
            expect(rows).toEqual({ organization: [], apiKeys: 0, settings: 0 });
          else
            expect(rows).toEqual({
              organization: [{ deleted_at: expect.any(Number) }],
              apiKeys: 1,
              settings: 1,
            });
        },
      };
    },
  },
  {
    name: "invitation accept",
    callsUserService: true,
    prepare: request(async () => {
      const { user, headers } = await personalUser(issuer);
      const org = await teamOrg();
      const { token } = await invite(org.id, user.email);
      return new Request("http://org.test/api/v1/invitations/accept", {
        method: "POST",
        ...json({ token }, headers),
      });
    }),
  },
];

/** What a faulted flow may answer: its own success, or an envelope the caller can act on. */
async function expectHandled(res: Response | null) {
  if (!res) return;
  const { status, code } = await envelopeStatus(res);
  if (status < 400) return;
  expect(status, `answered ${status} ${code}`).not.toBe(500);
  expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
  expect(code).toMatch(/^[A-Z_]+$/);
}

/**
 * The scheduled jobs run as if each sweep's grace had passed, then every invariant must hold, R2
 * objects included. The memberless-org sweep checks at most 50 personal orgs a run, oldest first,
 * and this file leaves many live ones behind, so it runs as late as its window still reaches back
 * to `since` (when the faulted attempt began): it sees just the orgs born since. The image sweep
 * runs as if over an hour had passed; the purge runs in both.
 */
async function expectConsistent(since: number) {
  const later = Date.now() + SWEEP_AGE_MS + 60_000;
  for (const at of [since + SWEEP_WINDOW_MS - 1, later]) {
    await worker.scheduled(createScheduledController({ scheduledTime: at }), env, createExecutionContext());
  }
  await expectInvariants(
    { org: env.DB, user: env.USER_DB },
    { buckets: { org: env.R2_BUCKET }, objectsAsOf: later },
  );
}

describe.each(FLOWS)("fault injection: $name", (flow) => {
  it("D1 failing on each statement in turn: never a 500, nothing half-made", async () => {
    let n = 1;
    for (; n < 60; n++) {
      const since = Date.now();
      const { run, after } = await flow.prepare();
      const faulty = failOnNth(env.DB, n);
      await expectHandled(await run({ ...env, DB: faulty.db }));
      await after?.();
      await expectConsistent(since);
      if (!faulty.state.fired) break;
    }
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(60);
  }, 600_000);

  it.each(flow.callsUserService ? PEER_FAULTS : [])(
    "the user service failing (%s) at each call in turn: a 503 envelope at the first, never a 500, nothing half-made",
    async (fault) => {
      let n = 1;
      for (; n < 20; n++) {
        const since = Date.now();
        const { run, after } = await flow.prepare();
        const faulty = faultyPeerOnNth(env.USER_SERVICE, fault, n);
        const res = await run({ ...env, USER_SERVICE: faulty.peer });
        if (n === 1 && res) expect(res.status).toBe(503);
        await expectHandled(res);
        await after?.();
        await expectConsistent(since);
        if (!faulty.state.fired) break;
      }
      expect(n).toBeGreaterThan(1);
    },
    600_000,
  );

  it.each(flow.putsToR2 ? ["put"] : [])(
    "R2 %s failing: a 503 envelope, no row points at a missing object",
    async () => {
      const since = Date.now();
      const { run } = await flow.prepare();
      const res = await run({ ...env, R2_BUCKET: failingPut(env.R2_BUCKET) });
      expect((await envelopeStatus(res!)).status).toBe(503);
      await expectConsistent(since);
    },
  );
});

describe("fault injection: the context queue", () => {
  it("send failing after the job row is written: a 503, the job marked failed and audited", async () => {
    const since = Date.now();
    const { org, headers } = await memberOf(issuer, "admin");
    const queue = { send: async () => Promise.reject(new Error("queue unavailable")) } as unknown as Queue;
    const res = await worker.fetch(
      new Request(`http://org.test/api/v1/organizations/${org.id}/context/trigger`, {
        method: "POST",
        headers,
      }),
      { ...env, ORGANIZATION_CONTEXT_QUEUE: queue },
      createExecutionContext(),
    );
    expect((await envelopeStatus(res)).status).toBe(503);
    const job = await env.DB.prepare("SELECT status FROM context_job WHERE organization_id = ?")
      .bind(org.id)
      .first<{ status: string }>();
    expect(job?.status).toBe("failed");
    await expectConsistent(since);
  });
});

describe("the invariants see a violation (they can fail)", () => {
  it("a memberless personal org is one until the sweep retires it", async () => {
    const since = Date.now();
    await createOrg({ kind: "personal", creatorId: crypto.randomUUID() });
    await expect(expectInvariants({ org: env.DB, user: env.USER_DB })).rejects.toThrow();
    await expectConsistent(since);
  });

  it("an R2 logo nothing points at is one until the image sweep removes it; a live logo's missing object is one", async () => {
    const since = Date.now();
    const org = await createOrg();
    const orphan = `logos/${org.id}/${"e".repeat(64)}.png`;
    await env.R2_BUCKET.put(orphan, "x");
    const asOfLater = { buckets: { org: env.R2_BUCKET }, objectsAsOf: Date.now() + SWEEP_AGE_MS + 60_000 };
    const databases = { org: env.DB, user: env.USER_DB };
    expect(await invariantViolations(databases, asOfLater)).toContainEqual({
      invariant: "an R2 logo object no organization's branding points at, after the image sweep",
      id: orphan,
    });
    await expectConsistent(since);

    const res = await worker.fetch(
      new Request(`http://org.test/api/v1/organizations/${org.id}/settings/branding/logo`, {
        method: "POST",
        body: imageForm("logo", await makePng(2, 2, 99)),
        headers: serviceHeaders(org.id),
      }),
      env,
      createExecutionContext(),
    );
    const { logoUrl } = (await expectData<{ data: { logoUrl: string } }>(res, 200)).data;
    const key = logoUrl.slice(logoUrl.indexOf("logos/"));
    await env.R2_BUCKET.delete(key);
    expect(await invariantViolations(databases, asOfLater)).toEqual([
      { invariant: "a live organization's logo is missing from R2", id: key },
    ]);
    await env.DB.prepare("update organization_settings set logo_url = null where organization_id = ?")
      .bind(org.id)
      .run();
  });
});
