import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, memberOf } from "../../../test/helpers";

const issuer = await fileIssuer();

const patch = (id: string, body: unknown, headers: Record<string, string>) =>
  api(`/api/v1/organizations/${id}`, { method: "PATCH", ...json(body, headers) });

describe("PATCH /api/v1/organizations/{id}", () => {
  it("lets an admin update part of the org and bumps the ETag", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    const res = await patch(org.id, { description: "Now with text", status: "active" }, headers);
    const { data } = await expectData<{ data: Organization }>(res, 200);
    expect(data).toMatchObject({ name: org.name, description: "Now with text", status: "active" });
    expect(res.headers.get("etag")).toBe('"v2"');
  });

  it("refuses a plain member with 403", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(await patch(org.id, { name: "Mine now" }, headers), 403, "FORBIDDEN");
  });

  it("answers 412 for a stale If-Match and applies a fresh one", async () => {
    const org = await createOrg();
    const got = await api(`/api/v1/organizations/${org.id}`, { headers: serviceHeaders(org.id) });
    const etag = got.headers.get("etag")!;
    expect(etag).toBe('"v1"');
    await expectData(
      await patch(org.id, { name: "First" }, { ...serviceHeaders(org.id), "if-match": etag }),
      200,
    );
    const stale = await patch(org.id, { name: "Second" }, { ...serviceHeaders(org.id), "if-match": etag });
    await expectError(stale, 412, "PRECONDITION_FAILED");
    // The current version comes with the 412, so a caller can retry without reading again.
    expect(stale.headers.get("etag")).toBe('"v2"');
    const garbage = await patch(
      org.id,
      { name: "Third" },
      { ...serviceHeaders(org.id), "if-match": "garbage" },
    );
    await expectError(garbage, 412, "PRECONDITION_FAILED");
    expect(garbage.headers.get("etag")).toBeNull();
  });

  it("re-checks a changed slug: taken is 409, reserved is 400", async () => {
    const [org, other] = [await createOrg(), await createOrg()];
    await expectError(await patch(org.id, { slug: other.slug }, serviceHeaders(org.id)), 409, "CONFLICT");
    await expectError(await patch(org.id, { slug: "admin" }, serviceHeaders(org.id)), 400, "INVALID_INPUT");
    const fresh = `renamed-${crypto.randomUUID().slice(0, 8)}`;
    const res = await patch(org.id, { slug: fresh }, serviceHeaders(org.id));
    expect((await expectData<{ data: Organization }>(res, 200)).data.slug).toBe(fresh);
  });

  it("answers 400 for an empty body and 404 for an unknown org", async () => {
    const org = await createOrg();
    await expectError(await patch(org.id, {}, serviceHeaders(org.id)), 400, "INVALID_INPUT");
    const id = crypto.randomUUID();
    await expectError(await patch(id, { name: "x" }, serviceHeaders(id)), 404, "NOT_FOUND");
  });

  it("refuses another tenant's org with 403 before looking it up", async () => {
    const { headers } = await memberOf(issuer, "owner");
    const other = await createOrg();
    await expectError(await patch(other.id, { name: "Hijack" }, headers), 403, "FORBIDDEN");
  });
});

describe("the per-minute limit", () => {
  const refusing = { limit: async () => ({ success: false }) } as unknown as RateLimit;

  it("answers a user with 429 and Retry-After when the RATE_LIMITER binding refuses", async () => {
    const { org, user, headers } = await memberOf(issuer, "member");
    let key: string | undefined;
    const recording = {
      limit: async (options: { key: string }) => {
        key = options.key;
        return { success: false };
      },
    } as unknown as RateLimit;
    const res = await callWith(`/api/v1/organizations/${org.id}`, { headers }, { RATE_LIMITER: recording });
    await expectError(res, 429, "RATE_LIMITED");
    expect(res.headers.get("retry-after")).toBe("60");
    expect(res.headers.get("ratelimit-policy")).toBe('"default";q=100;w=60');
    expect(res.headers.get("ratelimit")).toBe('"default";r=0;t=60');
    expect(key).toBe(`default:user:${user.id}`);
  });

  it("does not apply to service principals, which the gateway limits", async () => {
    const org = await createOrg();
    const res = await callWith(
      `/api/v1/organizations/${org.id}`,
      { headers: serviceHeaders(org.id) },
      { RATE_LIMITER: refusing },
    );
    await expectData(res, 200);
  });
});

describe("lookups", () => {
  it("GET /by-auth-id/{id} finds a synced org for a service; unknown is 404", async () => {
    const betterAuthOrgId = `ba_${crypto.randomUUID()}`;
    const org = await createOrg({ betterAuthOrgId });
    const res = await api(`/api/v1/organizations/by-auth-id/${betterAuthOrgId}`, {
      headers: serviceHeaders(),
    });
    expect((await expectData<{ data: Organization }>(res, 200)).data).toEqual(org);
    await expectError(
      await api("/api/v1/organizations/by-auth-id/ba_nope", { headers: serviceHeaders() }),
      404,
      "NOT_FOUND",
    );
  });

  it("GET /slug/{slug} finds any org for a service but only their own for a user", async () => {
    const { org, headers } = await memberOf(issuer);
    const other = await createOrg();
    expect(
      (
        await expectData<{ data: Organization }>(
          await api(`/api/v1/organizations/slug/${org.slug}`, { headers }),
          200,
        )
      ).data.id,
    ).toBe(org.id);
    await expectError(await api(`/api/v1/organizations/slug/${other.slug}`, { headers }), 404, "NOT_FOUND");
    const res = await api(`/api/v1/organizations/slug/${other.slug}`, { headers: serviceHeaders() });
    expect((await expectData<{ data: Organization }>(res, 200)).data.id).toBe(other.id);
  });

  it("GET /check-slug/{slug} reports format, reserved, taken and available", async () => {
    const org = await createOrg();
    const check = async (slug: string) =>
      (
        await expectData<{ data: unknown }>(
          await api(`/api/v1/organizations/check-slug/${slug}`, { headers: serviceHeaders() }),
          200,
        )
      ).data;
    expect(await check("Bad--Slug")).toEqual({ available: false, reason: "format" });
    expect(await check("admin")).toEqual({ available: false, reason: "reserved" });
    expect(await check(org.slug)).toEqual({ available: false, reason: "taken" });
    expect(await check(`free-${crypto.randomUUID().slice(0, 8)}`)).toEqual({ available: true });
  });

  it("writes an audit entry for each mutation in the same batch", async () => {
    const org = await createOrg();
    await expectData(await patch(org.id, { name: "Audited" }, serviceHeaders(org.id)), 200);
    const { results } = await env.DB.prepare(
      "select action, request_id from audit_log where organization_id = ? order by id",
    )
      .bind(org.id)
      .all<{ action: string; request_id: string }>();
    expect(results.map((r) => r.action)).toEqual(["organization.create", "organization.update"]);
  });
});
