import { env } from "cloudflare:workers";
import {
  createBarrier,
  expectData,
  expectError,
  holdAt,
  json,
  PREVIOUS_SERVICE_KEY,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it, vi } from "vitest";
import { api, callWith, onboardingBody, userServiceWith } from "../../test/helpers";

const DAY_MS = 24 * 60 * 60_000;

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
