import { env } from "cloudflare:workers";
import { expectData, expectError, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, onboardingBody, userServiceWith } from "../../../test/helpers";

interface Onboarded {
  data: {
    organization: { id: string; slug: string; status: string; creatorId: string };
    owner: { id: string; organizationId: string; role: string };
    apiKey: { id: string; key: string };
  };
}

const onboard = (payload: unknown, headers: Record<string, string> = {}) =>
  api("/api/v1/organizations/onboard", {
    method: "POST",
    ...json(payload, { ...serviceHeaders(), ...headers }),
  });
const orgBySlug = (slug: string) =>
  env.DB.prepare("select id from organization where slug = ?").bind(slug).first<{ id: string }>();
const keysOf = async (orgId: string) =>
  (await env.DB.prepare("select count(*) as n from api_key where organization_id = ?")
    .bind(orgId)
    .first<{ n: number }>())!.n;

describe("POST /api/v1/organizations/onboard", () => {
  it("creates the org, its owner in the user service and a working first API key", async () => {
    const payload = onboardingBody();
    const { data } = await expectData<Onboarded>(await onboard(payload), 201);
    expect(data.organization).toMatchObject({
      slug: payload.organization.slug,
      status: "active",
      creatorId: data.owner.id,
    });
    expect(data.owner).toMatchObject({ organizationId: data.organization.id, role: "owner" });
    const verified = await api("/api/v1/api-keys/verify", {
      method: "POST",
      ...json({ key: data.apiKey.key }, serviceHeaders()),
    });
    expect((await expectData<{ data: { keyId: string } }>(verified, 200)).data.keyId).toBe(data.apiKey.id);
  });

  it("replays the first response for the same Idempotency-Key and body, and 422s another body", async () => {
    const payload = onboardingBody();
    const key = { "idempotency-key": crypto.randomUUID() };
    const first = await onboard(payload, key);
    const firstBody = await expectData<Onboarded>(first, 201);
    const replay = await onboard(payload, key);
    expect(await expectData<Onboarded>(replay, 201)).toEqual(firstBody);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const { n } = (await env.DB.prepare("select count(*) as n from organization where slug = ?")
      .bind(payload.organization.slug)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
    await expectError(await onboard(onboardingBody(), key), 422, "UNPROCESSABLE_ENTITY");
  });

  it("leaves no org and no API key when the user service fails part-way (503 names it)", async () => {
    const payload = onboardingBody();
    const failing = userServiceWith((req) =>
      new URL(req.url).pathname === "/api/v1/users/create" ? new Response("boom", { status: 500 }) : null,
    );
    const res = await callWith(
      "/api/v1/organizations/onboard",
      { method: "POST", ...json(payload, serviceHeaders()) },
      { USER_SERVICE: failing },
    );
    const error = await expectError(res, 503, "SERVICE_UNAVAILABLE");
    expect(error.error.message).toMatch(/user service/i);
    expect(await orgBySlug(payload.organization.slug)).toBeNull();
    const { n } = (await env.DB.prepare(
      "select count(*) as n from api_key k left join organization o on o.id = k.organization_id where o.id is null",
    ).first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("undoes the org and the owner when the final D1 batch fails (503 names D1)", async () => {
    const payload = onboardingBody();
    payload.apiKey.name = `refused-${crypto.randomUUID()}`;
    // A real D1 failure in the final batch: a trigger aborts the insert of this one key.
    const trigger = `refuse_${payload.apiKey.name.replaceAll("-", "_")}`;
    await env.DB.prepare(
      `create trigger ${trigger} before insert on api_key when new.name = '${payload.apiKey.name}'
       begin select raise(abort, 'refused by the test'); end`,
    ).run();
    try {
      const error = await expectError(await onboard(payload), 503, "SERVICE_UNAVAILABLE");
      expect(error.error.message).toMatch(/D1/);
    } finally {
      await env.DB.prepare(`drop trigger ${trigger}`).run();
    }
    expect(await orgBySlug(payload.organization.slug)).toBeNull();
    const owner = await env.USER_DB.prepare("select deleted_at from user where email = ?")
      .bind(payload.owner.email)
      .first<{ deleted_at: number | null }>();
    expect(owner).not.toBeNull();
    expect(owner!.deleted_at).not.toBeNull();
  });

  it("answers 409 and keeps nothing when the owner's email is taken", async () => {
    const first = onboardingBody();
    await expectData(await onboard(first), 201);
    const second = onboardingBody();
    second.owner.email = first.owner.email;
    await expectError(await onboard(second), 409, "CONFLICT");
    expect(await orgBySlug(second.organization.slug)).toBeNull();
  });

  it("answers 409 for a taken slug before touching the user service", async () => {
    const first = onboardingBody();
    const made = await expectData<Onboarded>(await onboard(first), 201);
    const second = onboardingBody();
    second.organization.slug = first.organization.slug;
    const calls: string[] = [];
    const recording = userServiceWith((req) => {
      calls.push(`${req.method} ${new URL(req.url).pathname}`);
      return null;
    });
    const res = await callWith(
      "/api/v1/organizations/onboard",
      { method: "POST", ...json(second, serviceHeaders()) },
      { USER_SERVICE: recording },
    );
    await expectError(res, 409, "CONFLICT");
    expect(calls).toEqual([]);
    expect(await keysOf(made.data.organization.id)).toBe(1);
  });

  it("validates the body", async () => {
    const res = await onboard({ organization: { name: "" }, owner: { email: "x" } });
    const error = await expectError(res, 400, "INVALID_INPUT");
    expect(error.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["body.organization.name", "body.owner.email", "body.owner.betterAuthUserId"]),
    );
  });
});
