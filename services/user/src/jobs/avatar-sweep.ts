import { keyOfUrl } from "@svc/platform";
import { findPictureUrls } from "../core/users";
import { createDb } from "../db/client";

/** Objects younger than this are never swept: an upload in flight has put its object but not yet saved its URL. */
export const SWEEP_AGE_MS = 60 * 60_000;
/** One R2 list page per run. */
const PAGE = 1000;
/** Where the next run resumes (outside the served `avatars/` prefix). */
export const CURSOR_KEY = "jobs/avatar-sweep/cursor";

/**
 * One page of avatars/ per run, resuming after the last key seen (kept in R2), back to the start
 * once the end is reached. Deletes picture objects over an hour old that their user's row no
 * longer points at: replaced pictures whose delete failed, uploads whose user update failed.
 */
export async function run(env: UserEnv, now: number) {
  const bucket = env.R2_BUCKET;
  const startAfter = (await (await bucket.get(CURSOR_KEY))?.text()) || undefined;
  const page = await bucket.list({ prefix: "avatars/", limit: PAGE, startAfter });
  const old = page.objects.filter((o) => o.uploaded.getTime() < now - SWEEP_AGE_MS);
  const ownerOf = (key: string) => key.split("/")[1] ?? "";
  const urls = await findPictureUrls(createDb(env.DB), [...new Set(old.map((o) => ownerOf(o.key)))]);
  const unreferenced = old
    .filter((o) => keyOfUrl(urls.get(ownerOf(o.key)), "avatars", ownerOf(o.key)) !== o.key)
    .map((o) => o.key);
  if (unreferenced.length > 0) await bucket.delete(unreferenced);
  const last = page.objects.at(-1)?.key;
  await bucket.put(CURSOR_KEY, page.truncated && last ? last : "");
  return { checked: page.objects.length, deleted: unreferenced.length };
}
