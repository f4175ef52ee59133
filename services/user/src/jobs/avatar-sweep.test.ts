import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, fileIssuer, imageForm, makePng } from "@svc/platform/testing";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, createUser } from "../../test/helpers";
import worker from "../index";
import { CURSOR_KEY, run, SWEEP_AGE_MS } from "./avatar-sweep";
import { runScheduled } from "./scheduled";

const issuer = await fileIssuer();
const later = () => Date.now() + SWEEP_AGE_MS + 60_000;
const exists = async (key: string) => (await env.R2_BUCKET.head(key)) !== null;

async function pictureKeyOf(user: User, bytes: Uint8Array) {
  const res = await api(`/api/v1/users/${user.id}/profile-picture`, {
    method: "POST",
    body: imageForm("picture", bytes),
    headers: await issuer.headersFor(user),
  });
  const { profilePictureUrl } = (await expectData<{ data: { profilePictureUrl: string } }>(res, 200)).data;
  return profilePictureUrl.slice(profilePictureUrl.indexOf("avatars/"));
}

describe("avatar sweep (scheduled)", () => {
  beforeEach(async () => {
    await env.R2_BUCKET.delete(CURSOR_KEY);
  });

  it("removes picture objects no user points at, once they are an hour old, and keeps the current ones", async () => {
    const user = await createUser();
    const current = await pictureKeyOf(user, await makePng(2, 2, 60));
    const orphan = `avatars/${user.id}/${"a".repeat(64)}.png`;
    const foreign = `avatars/${crypto.randomUUID()}/${"b".repeat(64)}.webp`;
    await env.R2_BUCKET.put(orphan, "o");
    await env.R2_BUCKET.put(foreign, "f");

    const young = await run(env, Date.now());
    expect(young.deleted).toBe(0);
    expect(await exists(orphan)).toBe(true);
    await env.R2_BUCKET.delete(CURSOR_KEY);

    const counts = await run(env, later());
    expect(counts.checked).toBeGreaterThanOrEqual(3);
    expect(counts.deleted).toBeGreaterThanOrEqual(2);
    expect(await exists(orphan)).toBe(false);
    expect(await exists(foreign)).toBe(false);
    expect(await exists(current)).toBe(true);
    // The whole prefix fitted in one page, so the next run starts from the beginning again.
    expect(await (await env.R2_BUCKET.get(CURSOR_KEY))?.text()).toBe("");
  });

  it("keeps the picture of a removed user (the row still points at it)", async () => {
    const user = await createUser();
    const key = await pictureKeyOf(user, await makePng(2, 2, 61));
    await env.DB.prepare("update user set deleted_at = ? where id = ?").bind(Date.now(), user.id).run();
    await run(env, later());
    expect(await exists(key)).toBe(true);
  });

  it("retries a replaced picture whose delete failed: the sweep removes it", async () => {
    const user = await createUser();
    const first = await pictureKeyOf(user, await makePng(2, 2, 62));
    await pictureKeyOf(user, await makePng(2, 2, 63));
    // As if the delete after the update had failed: the old object is still there.
    await env.R2_BUCKET.put(first, await makePng(2, 2, 62));
    await run(env, later());
    expect(await exists(first)).toBe(false);
  });

  it("checks one page a run and resumes after the last key it saw", async () => {
    const owner = crypto.randomUUID();
    const keys = [1, 2].map((n) => `avatars/${owner}/${String(n).repeat(64)}.png`);
    for (const key of keys) await env.R2_BUCKET.put(key, "x");
    const list = env.R2_BUCKET.list.bind(env.R2_BUCKET);
    const bucket = new Proxy(env.R2_BUCKET, {
      get: (target, prop) =>
        prop === "list"
          ? (options: R2ListOptions) => list({ ...options, limit: 1 })
          : Reflect.get(target, prop).bind(target),
    });
    await env.R2_BUCKET.put(CURSOR_KEY, `avatars/${owner}/`);
    const first = await run({ ...env, R2_BUCKET: bucket }, later());
    expect(first).toEqual({ checked: 1, deleted: 1 });
    expect(await (await env.R2_BUCKET.get(CURSOR_KEY))?.text()).toBe(keys[0]);
    await run({ ...env, R2_BUCKET: bucket }, later());
    expect(await exists(keys[1]!)).toBe(false);
  });

  it("runs from the worker's scheduled handler and logs its counts", async () => {
    const orphan = `avatars/${crypto.randomUUID()}/${"c".repeat(64)}.png`;
    await env.R2_BUCKET.put(orphan, "x");
    const log = vi.spyOn(console, "log");
    const controller = createScheduledController({ scheduledTime: new Date(later()), cron: "*/15 * * * *" });
    await worker.scheduled(controller, env, createExecutionContext());
    expect(await exists(orphan)).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"job":"avatar-sweep"'));
    log.mockRestore();
  });

  it("logs a failing sweep instead of throwing", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = {
      ...env,
      R2_BUCKET: { get: () => Promise.reject(new Error("R2 down")) } as unknown as R2Bucket,
    };
    await expect(runScheduled(failing, Date.now())).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('"job":"avatar-sweep"'));
    errors.mockRestore();
  });
});
