import { env } from "cloudflare:workers";
import {
  createBarrier,
  expectData,
  expectError,
  expectIdempotencyCleanup,
  fileIssuer,
  holdAt,
  json,
  PREVIOUS_SERVICE_KEY,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it, vi } from "vitest";
import {
  api,
  callWith,
  createOrg,
  onboardingBody,
  personalUser,
  teamOrg,
  userServiceWith,
} from "../test/helpers";
import worker from "./index";

const DAY_MS = 24 * 60 * 60_000;
const issuer = await fileIssuer();

interface Onboarded {
  data: { organization: { id: string; slug: string } };
}

const request = (payload: unknown, key: string, headers = serviceHeaders()) => ({
  method: "POST",
  ...json(payload, { ...headers, "idempotency-key": key }),
});
const onboard = (payload: unknown, key: string, headers = serviceHeaders()) =>
  api("/api/v1/organizations/onboard", request(payload, key, headers));
const orgsWithSlug = async (slug: string) =>
  (await env.DB.prepare("select count(*) as n from organization where slug = ?")
    .bind(slug)
    .first<{ n: number }>())!.n;

/** Moves the stored key's claim `ms` into the past (the middleware's clock is the claim's createdAt). */
async function age(payload: unknown, ms: number) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(payload)));
  const requestHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const { meta } = await env.DB.prepare(
    "update idempotency_key set created_at = created_at - ? where request_hash = ?",
  )
    .bind(ms, requestHash)
    .run();
  expect(meta.changes).toBe(1);
}

const send = (path: string, body: unknown, key: string, headers = serviceHeaders()) =>
  api(path, request(body, key, headers));

/** An invitation create (the same operation at both paths) in a team that may invite. */
async function invitationCreate(path: "invitations" | "members") {
  const org = await teamOrg();
  return {
    path: `/api/v1/organizations/${org.id}/${path}`,
    body: () => ({ email: `idem-${crypto.randomUUID().slice(0, 8)}@example.com` }),
    headers: serviceHeaders(org.id),
  };
}

/** Every create POST of the org service, with a fresh body and the headers it needs. */
const CREATES: [
  string,
  () => Promise<{ path: string; body: () => unknown; headers: Record<string, string> }>,
][] = [
  [
    "POST /organizations",
    async () => ({
      path: "/api/v1/organizations",
      body: () => ({ name: `Idem ${crypto.randomUUID()}` }),
      headers: serviceHeaders(),
    }),
  ],
  [
    "POST /organizations/onboard",
    async () => ({ path: "/api/v1/organizations/onboard", body: onboardingBody, headers: serviceHeaders() }),
  ],
  [
    "POST /organizations/org-builders",
    async () => ({
      path: "/api/v1/organizations/org-builders",
      body: () => ({ name: `Draft ${crypto.randomUUID()}` }),
      headers: serviceHeaders(),
    }),
  ],
  [
    "POST /organizations/{id}/api-keys",
    async () => {
      const org = await createOrg();
      return {
        path: `/api/v1/organizations/${org.id}/api-keys`,
        body: () => ({ name: `Key ${crypto.randomUUID()}` }),
        headers: serviceHeaders(org.id),
      };
    },
  ],
  ["POST /organizations/{id}/invitations", async () => invitationCreate("invitations")],
  ["POST /organizations/{id}/members", async () => invitationCreate("members")],
  [
    "POST /organizations/{id}/context/trigger",
    async () => {
      const org = await createOrg();
      return {
        path: `/api/v1/organizations/${org.id}/context/trigger`,
        body: () => ({ crawlId: crypto.randomUUID() }),
        headers: serviceHeaders(org.id),
      };
    },
  ],
];

describe("Idempotency-Key on every create", () => {
  it.each(CREATES)(
    "%s: replays the first answer (status, body, ETag) and refuses another body with 422",
    async (_, setup) => {
      const { path, body, headers } = await setup();
      const key = crypto.randomUUID();
      const payload = body();
      const first = await send(path, payload, key, headers);
      expect(first.status).toBeLessThan(300);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const firstBody = await first.text();
      const replay = await send(path, payload, key, headers);
      expect(replay.status).toBe(first.status);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(await replay.text()).toBe(firstBody);
      for (const name of ["content-type", "etag", "location"]) {
        expect(replay.headers.get(name), name).toBe(first.headers.get(name));
      }
      const other = await expectError(await send(path, body(), key, headers), 422, "UNPROCESSABLE_ENTITY");
      expect(other.error.message).toMatch(/different request body/);
    },
  );
});

describe("Idempotency-Key", () => {
  it("releases the key after a 5xx, so the retry with the same key runs and succeeds", async () => {
    const payload = onboardingBody();
    const key = crypto.randomUUID();
    const failing = userServiceWith((req) =>
      new URL(req.url).pathname === "/api/v1/users/create" ? new Response("down", { status: 503 }) : null,
    );
    await expectError(
      await callWith("/api/v1/organizations/onboard", request(payload, key), { USER_SERVICE: failing }),
      503,
      "SERVICE_UNAVAILABLE",
    );
    const retry = await onboard(payload, key);
    const { data } = await expectData<Onboarded>(retry, 201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(data.organization.slug).toBe(payload.organization.slug);
    expect(await orgsWithSlug(payload.organization.slug)).toBe(1);
  });

  it("answers 409 to the same key while the first request is still running", async () => {
    const payload = onboardingBody();
    const key = crypto.randomUUID();
    // The first request is held at its org insert (after it claimed the key) until the second has answered.
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "organization"/i.test(sql));
    const first = callWith("/api/v1/organizations/onboard", request(payload, key), { DB });
    await vi.waitUntil(() => gate.arrived === 1, { timeout: 15_000 });
    const busy = await expectError(await onboard(payload, key), 409, "CONFLICT");
    expect(busy.error.message).toMatch(/in progress/);
    await gate.arrive();
    await expectData<Onboarded>(await first, 201);
    expect(await orgsWithSlug(payload.organization.slug)).toBe(1);
  });

  it("files keys per principal: the same key from another service key is a separate request", async () => {
    const key = crypto.randomUUID();
    const a = onboardingBody();
    const b = onboardingBody();
    await expectData<Onboarded>(await onboard(a, key), 201);
    const other = { ...serviceHeaders(), "x-service-api-key": PREVIOUS_SERVICE_KEY };
    const res = await onboard(b, key, other);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    const { data } = await expectData<Onboarded>(res, 201);
    expect(data.organization.slug).toBe(b.organization.slug);
  });

  it("keeps a key for 24 hours: replayed just before, free for a new request just after", async () => {
    const key = crypto.randomUUID();
    const first = onboardingBody();
    const made = await expectData<Onboarded>(await onboard(first, key), 201);

    await age(first, DAY_MS - 60_000);
    const replay = await onboard(first, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await expectData<Onboarded>(replay, 201)).toEqual(made);

    await age(first, 2 * 60_000);
    const next = onboardingBody();
    const res = await onboard(next, key);
    expect(res.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectData<Onboarded>(res, 201)).data.organization.slug).toBe(next.organization.slug);
  });
});

describe("Idempotency-Key scope and lifetime", () => {
  it("files keys per tenant: the same key and body for another organization is a separate request", async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    const key = crypto.randomUUID();
    const body = { name: "Same body" };
    const path = (id: string) => `/api/v1/organizations/${id}/api-keys`;
    const first = await send(path(a.id), body, key, serviceHeaders(a.id));
    expect(first.status).toBe(201);
    const second = await send(path(b.id), body, key, serviceHeaders(b.id));
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    const ids = [first, second].map(async (res) => ((await res.json()) as { data: { id: string } }).data.id);
    const [idA, idB] = await Promise.all(ids);
    expect(idA).not.toBe(idB);
  });

  it("replays a user's org create although the user has since moved into the new org (a global route ignores the tenant)", async () => {
    const { headers } = await personalUser(issuer);
    const key = crypto.randomUUID();
    const first = await send("/api/v1/organizations", { name: "Moved Labs" }, key, headers);
    expect(first.status).toBe(201);
    const replay = await send("/api/v1/organizations", { name: "Moved Labs" }, key, headers);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.status).toBe(201);
    expect(await replay.text()).toBe(await first.text());
  });

  it("takes over a claim abandoned without an answer after 10 minutes, never sooner", async () => {
    const payload = onboardingBody();
    const key = crypto.randomUUID();
    // A claim whose request died before answering: the row exists without a response.
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "organization"/i.test(sql));
    const first = callWith("/api/v1/organizations/onboard", request(payload, key), { DB });
    await vi.waitUntil(() => gate.arrived === 1, { timeout: 15_000 });
    await age(payload, 9 * 60_000);
    await expectError(await onboard(payload, key), 409, "CONFLICT");
    await age(payload, 2 * 60_000);
    const retry = await onboard(payload, key);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    await expectData<Onboarded>(retry, 201);
    // The first request finally answers (a conflict on the slug it lost): its late answer does not
    // overwrite the claim the retry holds, which keeps replaying the retry's answer.
    await gate.arrive();
    await first;
    const replay = await onboard(payload, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.status).toBe(201);
  });

  it("is cleaned up by the scheduled job: answers older than 24 h are deleted, younger ones kept", async () => {
    await expectIdempotencyCleanup("org-service", worker);
  });
});
