import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { uuidv7 } from "@svc/platform";
import { expectData, imageForm, makePng, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, createOrg, post } from "../../test/helpers";
import worker from "../index";
import { CURSOR_KEY, run, SWEEP_AGE_MS } from "./image-sweep";
import { runScheduled } from "./scheduled";

const later = () => Date.now() + SWEEP_AGE_MS + 60_000;
const exists = async (key: string) => (await env.R2_BUCKET.head(key)) !== null;

async function logoKeyOf(orgId: string, bytes: Uint8Array) {
  const res = await api(`/api/v1/organizations/${orgId}/settings/branding/logo`, {
    method: "POST",
    body: imageForm("logo", bytes),
    headers: serviceHeaders(orgId),
  });
  const { logoUrl } = (await expectData<{ data: { logoUrl: string } }>(res, 200)).data;
  return logoUrl.slice(logoUrl.indexOf("logos/"));
}

describe("image sweep (scheduled)", () => {
  beforeEach(async () => {
    await env.R2_BUCKET.delete(CURSOR_KEY);
  });

  it("removes tmp/ objects older than an hour and keeps younger ones", async () => {
    const stale = `tmp/${uuidv7()}`;
    await env.R2_BUCKET.put(stale, "x");
    const fresh = `tmp/${uuidv7()}`;
    await env.R2_BUCKET.put(fresh, "y");
    const counts = await run(env, Date.now() + 1000);
    expect(counts.tmpDeleted).toBe(0);
    expect(await exists(stale)).toBe(true);
    const swept = await run(env, later());
    expect(swept.tmpDeleted).toBeGreaterThanOrEqual(2);
    expect(await exists(stale)).toBe(false);
    expect(await exists(fresh)).toBe(false);
  });

  it("removes logo objects no organization points at, once they are an hour old, and keeps the current ones", async () => {
    const org = await createOrg();
    const current = await logoKeyOf(org.id, await makePng(2, 2, 40));
    const orphan = `logos/${org.id}/${"a".repeat(64)}.png`;
    const foreign = `logos/${crypto.randomUUID()}/${"b".repeat(64)}.webp`;
    await env.R2_BUCKET.put(orphan, "o");
    await env.R2_BUCKET.put(foreign, "f");

    await run(env, Date.now());
    expect(await exists(orphan)).toBe(true);
    await env.R2_BUCKET.delete(CURSOR_KEY);

    const counts = await run(env, later());
    expect(counts.logosDeleted).toBeGreaterThanOrEqual(2);
    expect(await exists(orphan)).toBe(false);
    expect(await exists(foreign)).toBe(false);
    expect(await exists(current)).toBe(true);
    // The whole prefix fitted in one page, so the next run starts from the beginning again.
    expect(await (await env.R2_BUCKET.get(CURSOR_KEY))?.text()).toBe("");
  });

  it("retries a replaced logo whose delete failed: the sweep removes it", async () => {
    const org = await createOrg();
    const first = await logoKeyOf(org.id, await makePng(2, 2, 50));
    await logoKeyOf(org.id, await makePng(2, 2, 51));
    // As if the delete after the batch had failed: the old object is still there.
    await env.R2_BUCKET.put(first, await makePng(2, 2, 50));
    await run(env, later());
    expect(await exists(first)).toBe(false);
  });

  it("deletes tickets that expired over an hour ago", async () => {
    const org = await createOrg();
    const res = await post(
      `/api/v1/organizations/${org.id}/logo/upload-ticket`,
      { contentType: "image/png", contentLength: 10 },
      serviceHeaders(org.id),
    );
    const { tmpKey } = (await expectData<{ data: { tmpKey: string } }>(res, 201)).data;
    await run(env, Date.now());
    expect(await rowsOf(env.DB, "select tmp_key from logo_upload where tmp_key = ?", tmpKey)).toHaveLength(1);
    const counts = await run(env, Date.now() + 600_000 + SWEEP_AGE_MS + 1);
    expect(counts.ticketsDeleted).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(env.DB, "select tmp_key from logo_upload where tmp_key = ?", tmpKey)).toEqual([]);
  });

  it("runs from the worker's scheduled handler", async () => {
    const stale = `tmp/${uuidv7()}`;
    await env.R2_BUCKET.put(stale, "x");
    const controller = createScheduledController({ scheduledTime: new Date(later()), cron: "*/15 * * * *" });
    await worker.scheduled(controller, env, createExecutionContext());
    expect(await exists(stale)).toBe(false);
  });

  it("logs a failing job instead of throwing, with its counts otherwise", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = {
      ...env,
      R2_BUCKET: {
        list: () => Promise.reject(new Error("R2 down")),
      } as unknown as R2Bucket,
    };
    await expect(runScheduled(failing, Date.now())).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('"job":"image-sweep"'));
    errors.mockRestore();
  });
});
