import { env } from "cloudflare:workers";
import { rowsOf } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { LEASE_SWEEP_AGE_MS, run } from "./sync-leases";

const lease = async (expiresAt: number) => {
  const id = `ba_${crypto.randomUUID()}`;
  await env.DB.prepare("insert into user_sync_lease values (?, ?, ?)")
    .bind(id, crypto.randomUUID(), expiresAt)
    .run();
  return id;
};
const present = async (id: string) =>
  (await rowsOf(env.DB, "select 1 from user_sync_lease where better_auth_user_id = ?", id)).length === 1;

describe("sync-leases job (scheduled)", () => {
  it("deletes leases expired over an hour ago and keeps live and recently expired ones", async () => {
    const now = Date.now();
    const stale = await lease(now - LEASE_SWEEP_AGE_MS - 1000);
    const recent = await lease(now - 1000);
    const live = await lease(now + 15_000);
    const counts = await run(env, now);
    expect(counts.deleted).toBeGreaterThanOrEqual(1);
    expect(await present(stale)).toBe(false);
    expect(await present(recent)).toBe(true);
    expect(await present(live)).toBe(true);
  });
});
