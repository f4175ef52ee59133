import { keyOfUrl } from "@svc/platform";
import { deleteSpentTickets } from "../core/logo-uploads.repository";
import { findLogoUrls } from "../core/settings.repository";
import { createDb } from "../db/client";

/** Objects younger than this are never swept: an upload in flight has put its object but not yet saved its URL. */
export const SWEEP_AGE_MS = 60 * 60_000;
/** One R2 list page per prefix per run. */
const PAGE = 1000;
/** Where the logo pass resumes (outside the served prefixes and tmp/). */
export const CURSOR_KEY = "jobs/image-sweep/logos-cursor";

/**
 * tmp/ keys are `tmp/{uuidv7}`, so they list oldest first: the stale ones are always on the first
 * page, and a run deletes every one of those older than an hour.
 */
async function sweepTmp(bucket: R2Bucket, now: number) {
  const { objects } = await bucket.list({ prefix: "tmp/", limit: PAGE });
  const stale = objects.filter((o) => o.uploaded.getTime() < now - SWEEP_AGE_MS).map((o) => o.key);
  if (stale.length > 0) await bucket.delete(stale);
  return stale.length;
}

/**
 * One page of logos/ per run, resuming after the last key seen (kept in R2), back to the start
 * once the end is reached. Deletes logo objects over an hour old that their organization's
 * branding no longer points at: replaced logos whose delete failed, uploads whose save failed.
 */
async function sweepLogos(env: OrgEnv, now: number) {
  const bucket = env.R2_BUCKET;
  const startAfter = (await (await bucket.get(CURSOR_KEY))?.text()) || undefined;
  const page = await bucket.list({ prefix: "logos/", limit: PAGE, startAfter });
  const old = page.objects.filter((o) => o.uploaded.getTime() < now - SWEEP_AGE_MS);
  const ownerOf = (key: string) => key.split("/")[1] ?? "";
  const urls = await findLogoUrls(createDb(env.DB), [...new Set(old.map((o) => ownerOf(o.key)))]);
  const unreferenced = old
    .filter((o) => keyOfUrl(urls.get(ownerOf(o.key)), "logos", ownerOf(o.key)) !== o.key)
    .map((o) => o.key);
  if (unreferenced.length > 0) await bucket.delete(unreferenced);
  const last = page.objects.at(-1)?.key;
  await bucket.put(CURSOR_KEY, page.truncated && last ? last : "");
  return { checked: page.objects.length, deleted: unreferenced.length };
}

export async function run(env: OrgEnv, now: number) {
  const tmpDeleted = await sweepTmp(env.R2_BUCKET, now);
  const logos = await sweepLogos(env, now);
  const ticketsDeleted = await deleteSpentTickets(createDb(env.DB), now - SWEEP_AGE_MS);
  return { tmpDeleted, logosChecked: logos.checked, logosDeleted: logos.deleted, ticketsDeleted };
}
