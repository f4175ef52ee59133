import { env } from "cloudflare:workers";
import { rowsOf } from "@svc/platform/testing";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { organization } from "../db/schema";
import { batchWrite } from "./batch";
import { insertOrganization, softDeleteOrganization, softDeleteWrite } from "./organizations.writes";
import { systemWriter } from "./writer";

// No request, no Hono context: the way the queue consumer or a scheduled job writes.
const db = createDb(env.DB);
const writer = systemWriter(db, "job", "job-run-1");

const counted = async () =>
  (await env.DB.prepare("select value from counter where name = 'organizations'").first<{ value: number }>())!
    .value;
const live = async () =>
  (await env.DB.prepare("select count(*) as n from organization where deleted_at is null").first<{
    n: number;
  }>())!.n;
const auditOf = (organizationId: string) =>
  rowsOf<{ action: string; actor_type: string; actor_id: string; request_id: string }>(
    env.DB,
    "select action, actor_type, actor_id, request_id from audit_log where organization_id = ? order by id",
    organizationId,
  );

beforeEach(async () => {
  await env.DB.prepare(
    `insert into counter (name, value) select 'organizations', count(*) from organization where deleted_at is null
     on conflict (name) do update set value = excluded.value`,
  ).run();
});

describe("writes with a system writer", () => {
  it("leave the row, an audit entry naming the system actor, and the live count in step", async () => {
    const before = await counted();
    const [created] = await insertOrganization(writer, { name: "Made by a job", kind: "business" });
    expect((await db.select().from(organization).where(eq(organization.id, created.id)))[0]?.name).toBe(
      "Made by a job",
    );
    expect(await counted()).toBe(before + 1);
    expect(await counted()).toBe(await live());

    expect(await softDeleteOrganization(writer, created.id)).toBe(true);
    expect(await counted()).toBe(before);
    expect(await auditOf(created.id)).toEqual([
      { action: "organization.create", actor_type: "system", actor_id: "job", request_id: "job-run-1" },
      { action: "organization.delete", actor_type: "system", actor_id: "job", request_id: "job-run-1" },
    ]);
  });
});

describe("batchWrite", () => {
  it("leaves no audit entry and no counter change when the statement matches nothing", async () => {
    const [created] = await insertOrganization(writer, { name: "Deleted once", kind: "business" });
    const deleteAgain = () => batchWrite(writer, [softDeleteWrite(db, created.id, Date.now())]);
    const before = await counted();
    const [first] = await deleteAgain();
    expect(first).toHaveLength(1);
    expect(await counted()).toBe(before - 1);

    const [second] = await deleteAgain();
    expect(second).toHaveLength(0);
    expect(await counted()).toBe(before - 1);
    expect(await counted()).toBe(await live());
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual([
      "organization.create",
      "organization.delete",
    ]);
  });

  it("records each write of a batch by its own statement's changes", async () => {
    const [kept] = await insertOrganization(writer, { name: "Kept", kind: "business" });
    const before = await counted();
    const missing = crypto.randomUUID();
    const now = Date.now();
    const [none, one] = await batchWrite(writer, [
      softDeleteWrite(db, missing, now),
      softDeleteWrite(db, kept.id, now),
    ]);
    expect([none, one].map((rows) => rows.length)).toEqual([0, 1]);
    expect(await auditOf(missing)).toEqual([]);
    expect((await auditOf(kept.id)).map((entry) => entry.action)).toEqual([
      "organization.create",
      "organization.delete",
    ]);
    expect(await counted()).toBe(before - 1);
  });

  it("records the audit entry even while the counter row is missing (the list seeds it later)", async () => {
    await env.DB.prepare("delete from counter where name = 'organizations'").run();
    const [created] = await insertOrganization(writer, { name: "Before any list", kind: "business" });
    expect(await softDeleteOrganization(writer, created.id)).toBe(true);
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual([
      "organization.create",
      "organization.delete",
    ]);
  });
});
