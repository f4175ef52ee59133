import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, failAt, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, createOrg, createUser, post } from "../../test/helpers";
import worker from "../index";
import { purgeDeleted } from "./purge";

const DAY = 86_400_000;
afterEach(() => {
  vi.restoreAllMocks();
});

/** A deleted org with two members, an API key, settings and two logo objects in R2. */
async function deletedOrg(daysAgo: number) {
  const org = await createOrg();
  const members = [await createUser(org.id, "owner"), await createUser(org.id, "member")];
  await expectData(
    await post(
      `/api/v1/organizations/${org.id}/api-keys`,
      { name: "k", scopes: ["all:read"] },
      serviceHeaders(org.id),
    ),
    201,
  );
  await expectData(
    await api(`/api/v1/organizations/${org.id}/settings/branding`, {
      method: "PUT",
      ...json({ primaryColorHex: "#123456" }, serviceHeaders(org.id)),
    }),
    200,
  );
  for (const name of ["a.png", "b.webp"]) await env.R2_BUCKET.put(`logos/${org.id}/${name}`, "image");
  // Soft-deleted behind the API's back (the delete limit would stop a file of deletes), in the past.
  await env.DB.prepare("update organization set deleted_at = ? where id = ?")
    .bind(Date.now() - daysAgo * DAY, org.id)
    .run();
  return { org, members };
}

const count = async (sql: string, id: string) => (await rowsOf<{ n: number }>(env.DB, sql, id))[0]!.n;

const userRow = async (user: User) => {
  const res = await env.USER_SERVICE.fetch(
    `http://user-service/api/v1/users/by-auth-id/${user.betterAuthUserId}`,
    {
      headers: serviceHeaders(),
    },
  );
  return (await expectData<{ data: User }>(res, 200)).data;
};

async function expectPurged(org: Organization, members: User[]) {
  expect(await count("select count(*) as n from organization where id = ?", org.id)).toBe(0);
  for (const table of ["organization_settings", "api_key", "organization_context", "context_job"]) {
    expect(await count(`select count(*) as n from ${table} where organization_id = ?`, org.id)).toBe(0);
  }
  expect((await env.R2_BUCKET.list({ prefix: `logos/${org.id}/` })).objects).toEqual([]);
  const slug = await api(`/api/v1/organizations/check-slug/${org.slug}`, { headers: serviceHeaders() });
  expect((await expectData<{ data: unknown }>(slug, 200)).data).toEqual({ available: true });
  expect(
    await count(
      "select count(*) as n from audit_log where organization_id = ? and action = 'organization.purge'",
      org.id,
    ),
  ).toBe(1);
  for (const member of members) {
    const now = await userRow(member);
    expect(now.role).toBe("owner");
    expect(now.organizationId).not.toBe(org.id);
    const home = await rowsOf<{ kind: string; deleted_at: number | null; creator_id: string }>(
      env.DB,
      "select kind, deleted_at, creator_id from organization where id = ?",
      now.organizationId,
    );
    expect(home).toEqual([{ kind: "personal", deleted_at: null, creator_id: member.id }]);
  }
}

describe("purge job", () => {
  it("removes an org past the window with its rows and R2 objects, frees the slug and rehomes its members", async () => {
    const { org, members } = await deletedOrg(31);
    const recent = await deletedOrg(29);
    const counts = await purgeDeleted(env, Date.now());
    expect(counts.orgsPurged).toBeGreaterThanOrEqual(1);
    expect(counts.usersRehomed).toBeGreaterThanOrEqual(2);
    expect(counts.r2ObjectsDeleted).toBeGreaterThanOrEqual(2);
    await expectPurged(org, members);
    // Inside the window nothing is touched: not the org, its members, nor its objects.
    expect(await count("select count(*) as n from organization where id = ?", recent.org.id)).toBe(1);
    expect((await userRow(recent.members[0]!)).organizationId).toBe(recent.org.id);
    expect((await env.R2_BUCKET.list({ prefix: `logos/${recent.org.id}/` })).objects).toHaveLength(2);
  });

  it.each([
    { step: "the final D1 batch", fails: (sql: string) => /delete from "api_key"/.test(sql) },
    { step: "a member's new personal org", fails: (sql: string) => /insert into "organization"/.test(sql) },
  ])("finishes on the next run after a failure injected at $step", async ({ fails }) => {
    const { org, members } = await deletedOrg(40);
    const failed = await purgeDeleted({ ...env, DB: failAt(env.DB, fails) }, Date.now());
    expect(failed.orgsFailed).toBeGreaterThanOrEqual(1);
    expect(await count("select count(*) as n from organization where id = ?", org.id)).toBe(1);
    const again = await purgeDeleted(env, Date.now());
    expect(again.orgsFailed).toBe(0);
    await expectPurged(org, members);
    // Nothing was made twice: each member has exactly one personal org from the purge.
    for (const member of members) {
      expect(
        await count(
          "select count(*) as n from organization where creator_id = ? and kind = 'personal'",
          member.id,
        ),
      ).toBe(1);
    }
  });

  it("leaves an org restored before the run alone", async () => {
    const { org } = await deletedOrg(29);
    await env.DB.prepare("update organization set deleted_at = null where id = ?").bind(org.id).run();
    await purgeDeleted(env, Date.now() + 2 * DAY);
    expect(await count("select count(*) as n from organization where id = ?", org.id)).toBe(1);
    expect(await count("select count(*) as n from api_key where organization_id = ?", org.id)).toBe(1);
  });

  it("deletes audit entries past AUDIT_RETENTION_DAYS in both services, keeping newer ones", async () => {
    const org = await createOrg();
    const old = Date.now() - 366 * DAY;
    const insert = "insert into audit_log values (?, ?, 'system', 'job', 'x.old', 't', 'r', 'req', null, ?)";
    for (const db of [env.DB, env.USER_DB]) {
      await db.prepare(insert).bind(crypto.randomUUID(), org.id, old).run();
    }
    const counts = await purgeDeleted(env, Date.now());
    expect(counts.auditEntriesPurged).toBeGreaterThanOrEqual(1);
    expect(counts.userAuditEntriesPurged).toBeGreaterThanOrEqual(1);
    for (const db of [env.DB, env.USER_DB]) {
      const rows = await rowsOf<{ action: string }>(
        db,
        "select action from audit_log where organization_id = ?",
        org.id,
      );
      expect(rows.map((r) => r.action)).not.toContain("x.old");
    }
    expect(await count("select count(*) as n from audit_log where organization_id = ?", org.id)).toBe(1);
  });

  it("runs from the cron trigger and logs one line with its counts", async () => {
    const { org } = await deletedOrg(45);
    const log = vi.spyOn(console, "log");
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" });
    await worker.scheduled(controller, env, createExecutionContext());
    expect(await count("select count(*) as n from organization where id = ?", org.id)).toBe(0);
    const line = log.mock.calls.map(([l]) => String(l)).find((l) => l.includes('"job":"purge"'));
    expect(JSON.parse(line!)).toMatchObject({
      level: "info",
      service: "org-service",
      job: "purge",
      orgsFailed: 0,
    });
  });
});
