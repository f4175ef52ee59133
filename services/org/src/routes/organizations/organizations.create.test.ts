import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import {
  api,
  callWith,
  createOrg,
  createUser,
  memberOf,
  personalUser,
  post,
  userServiceWith,
} from "../../../test/helpers";

const issuer = await fileIssuer();

const create = (body: unknown, headers: Record<string, string>) =>
  post("/api/v1/organizations", body, headers);

/** The user's row as the user service holds it, not the fixture the test started from. */
const userServiceRow = async (user: { betterAuthUserId: string }) => {
  const res = await env.USER_SERVICE.fetch(
    `http://user-service/api/v1/users/by-auth-id/${user.betterAuthUserId}`,
    { headers: serviceHeaders() },
  );
  return (await expectData<{ data: User }>(res, 200)).data;
};

const liveRow = (id: string) =>
  env.DB.prepare("select id, deleted_at from organization where id = ?")
    .bind(id)
    .first<{ deleted_at: number | null }>();

describe("POST /api/v1/organizations (service)", () => {
  it("lets exactly one of 20 concurrent creates with the same slug win; the rest are 409", async () => {
    const slug = `race-${crypto.randomUUID().slice(0, 8)}`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create({ name: `Race ${i}`, slug }, serviceHeaders())),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const res of responses.filter((r) => r.status === 409)) await expectError(res, 409, "CONFLICT");
    const { n } = (await env.DB.prepare("select count(*) as n from organization where slug = ?")
      .bind(slug)
      .first<{
        n: number;
      }>())!;
    expect(n).toBe(1);
  });

  it("is an idempotent upsert on betterAuthOrgId: a known id answers 200 with the same org", async () => {
    const betterAuthOrgId = `ba_${crypto.randomUUID()}`;
    const first = await expectData<{ data: Organization }>(
      await create({ name: "Synced", betterAuthOrgId }, serviceHeaders()),
      201,
    );
    const again = await create({ name: "Synced again", betterAuthOrgId }, serviceHeaders());
    expect((await expectData<{ data: Organization }>(again, 200)).data).toEqual(first.data);
  });

  it("provisions a personal org for the user service: active, personal, free", async () => {
    const creatorId = crypto.randomUUID();
    const res = await create({ name: "Ada's space", kind: "personal", creatorId }, serviceHeaders());
    const { data } = await expectData<{ data: Organization }>(res, 201);
    expect(data).toMatchObject({ status: "active", kind: "personal", subscriptionTier: "free", creatorId });
    expect(res.headers.get("etag")).toBe('"v1"');
  });

  it("stores the name in NFC and refuses control and bidi override characters (400)", async () => {
    const made = await createOrg({ name: "Cafe\u0301 Team" });
    expect(made.name).toBe("Caf\u00e9 Team");
    for (const body of [
      { name: "a\u0000b" },
      { name: "\u001b[2Jadmin" },
      { name: "evil\u202Egpj" },
      { name: "ok", description: "line\u0007bell" },
    ]) {
      await expectError(await post("/api/v1/organizations", body, serviceHeaders()), 400, "INVALID_INPUT");
    }
  });

  it("answers 400 for a creatorId that is not a UUID", async () => {
    const body = await expectError(
      await create({ name: "x", creatorId: "nope" }, serviceHeaders()),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details).toContainEqual(expect.objectContaining({ path: "body.creatorId" }));
  });
});

// Depends on the user service's PUT /api/v1/users/{id}/membership.
describe("POST /api/v1/organizations (user principal)", () => {
  it("moves a user alone in their personal org into the new org as owner and retires the personal org", async () => {
    const { org: personal, user, headers } = await personalUser(issuer);
    const res = await create({ name: "Ada Labs" }, headers);
    const { data } = await expectData<{ data: Organization }>(res, 201);
    expect(data).toMatchObject({ name: "Ada Labs", status: "active", kind: "business", creatorId: user.id });
    expect((await liveRow(personal.id))?.deleted_at).toEqual(expect.any(Number));

    expect(await userServiceRow(user)).toMatchObject({
      organizationId: data.id,
      role: "owner",
    });
    // The principal cache was evicted: the very next call already acts inside the new org.
    const own = await api(`/api/v1/organizations/${data.id}`, { headers });
    expect((await expectData<{ data: Organization }>(own, 200)).data.id).toBe(data.id);
  });

  it("lets only one of two concurrent creates by the same user win, leaving no ownerless org", async () => {
    const { org: personal, user, headers } = await personalUser(issuer);
    // Both requests pass the user service's move-out check before either moves the user:
    // the checks are held at the binding until both have asked.
    let arrived = 0;
    let moves = 0;
    let release: () => void = () => {};
    const bothChecked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const USER_SERVICE = {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const req = new Request(input, init);
        const { pathname } = new URL(req.url);
        if (pathname.endsWith("/move-out/check")) {
          if (++arrived === 2) release();
          await bothChecked;
        }
        if (pathname.endsWith("/membership")) moves++;
        return env.USER_SERVICE.fetch(req);
      },
    } as unknown as Fetcher;
    const names = [`Race A ${crypto.randomUUID()}`, `Race B ${crypto.randomUUID()}`];
    const responses = await Promise.all(
      names.map((name) =>
        callWith("/api/v1/organizations", { method: "POST", ...json({ name }, headers) }, { USER_SERVICE }),
      ),
    );
    expect(arrived).toBe(2);
    // Only the request whose batch retired the personal org moves the user: the other never
    // reaches the user service, so it has no move to compensate and cannot undo the winner's delete.
    expect(moves).toBe(1);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const { data } = await expectData<{ data: Organization }>(responses.find((r) => r.status === 201)!, 201);
    await expectError(responses.find((r) => r.status === 409)!, 409, "CONFLICT");

    const loserName = names.find((n) => n !== data.name)!;
    const loser = await env.DB.prepare("select id from organization where name = ?").bind(loserName).first();
    expect(loser).toBeNull();
    expect((await liveRow(personal.id))?.deleted_at).toEqual(expect.any(Number));
    expect(await userServiceRow(user)).toMatchObject({
      organizationId: data.id,
      role: "owner",
    });
  });

  it("answers 409 when the personal org has another member", async () => {
    const { org, headers } = await personalUser(issuer);
    await createUser(org.id);
    await expectError(await create({ name: "Crowded" }, headers), 409, "CONFLICT");
    expect((await liveRow(org.id))?.deleted_at).toBeNull();
  });

  it("answers 409 for a member of a business org", async () => {
    const { headers } = await memberOf(issuer, "admin");
    await expectError(await create({ name: "Second" }, headers), 409, "CONFLICT");
  });

  it("refuses the service-only fields from a user", async () => {
    const { headers } = await personalUser(issuer);
    const body = await expectError(
      await create({ name: "x", kind: "personal" }, headers),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details).toContainEqual(expect.objectContaining({ path: "body.kind" }));
  });

  it("undoes everything and answers 503 when the user service cannot move the user", async () => {
    const { org: personal, user, headers } = await personalUser(issuer);
    const slug = `undo-${crypto.randomUUID().slice(0, 8)}`;
    const failing = userServiceWith((req) =>
      req.method === "PUT" && new URL(req.url).pathname.endsWith("/membership")
        ? new Response("down", { status: 503 })
        : null,
    );
    const res = await callWith(
      "/api/v1/organizations",
      { method: "POST", ...json({ name: "Doomed", slug }, headers) },
      { USER_SERVICE: failing },
    );
    const body = await expectError(res, 503, "SERVICE_UNAVAILABLE");
    expect(body.error.message).toMatch(/user service/);
    expect(await env.DB.prepare("select id from organization where slug = ?").bind(slug).first()).toBeNull();
    expect((await liveRow(personal.id))?.deleted_at).toBeNull();
    const audit = await env.DB.prepare("select action from audit_log where organization_id = ? order by id")
      .bind(personal.id)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual([
      "organization.create",
      "organization.delete",
      "organization.restore",
    ]);
    // The user service's row, not the fixture: the move was undone (or never happened).
    expect(await userServiceRow(user)).toMatchObject({
      organizationId: personal.id,
      role: "owner",
    });
  });
});
