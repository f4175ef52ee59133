import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { expectData, serviceHeaders } from "@svc/platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../../test/helpers";
import { createDb } from "../../../db/client";
import { matchExpression, type SortBy, type SortOrder, searchWords } from "./list.plan";
import { readRows } from "./list.repository";

// A small set with every awkward case: names matching by name only, by slug only and by both,
// case and accent differences, duplicate names and shared timestamps (the id breaks ties), and
// soft-deleted matches that must never show. Results are compared with a straightforward query
// filtered by a plain reading of the search rule (not the full-text index).
const N = 61;
beforeAll(async () => {
  await env.DB.prepare(
    `insert into organization (id, name, slug, status, kind, created_at, updated_at, deleted_at)
     with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${N})
     select printf('00000000-0000-7000-9000-%012d', (n * 37) % 101),
       case n % 5 when 0 then 'Ácme ' || (n % 7) when 1 then 'ACME dup' when 2 then 'Beta ' || n
         when 3 then 'acme-' || n else 'Gamma ' || n end,
       case n % 4 when 0 then 'acme-s-' || n else 'pg-' || n end,
       'active', 'business', 1700000000000 + (n / 3) * 1000, 1700000000000 + ((n * 17) % 23) * 1000,
       case when n % 11 = 0 then 1700000000000 end
     from seq`,
  ).run();
  await env.DB.prepare(
    `insert into counter (name, value) select 'organizations', count(*) from organization where deleted_at is null
     on conflict (name) do update set value = excluded.value`,
  ).run();
});

const KEY: Record<SortBy, string> = {
  match: "rowid",
  name: "lower(name)",
  createdAt: "created_at",
  updatedAt: "updated_at",
};

/** A text's words as a person reads them: lower case, accents dropped, split on all but letters and digits. */
const words = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every word of the search is a prefix of a word of the name or the slug. */
const matches = (search: string, name: string, slug: string) => {
  const own = [...words(name), ...words(slug)];
  return words(search).every((word) => own.some((w) => w.startsWith(word)));
};

async function expected(sortBy: SortBy, order: SortOrder, search: string | undefined) {
  const { results } = await env.DB.prepare(
    `select id, name, slug from organization where deleted_at is null order by ${KEY[sortBy]} ${order}, id ${order}`,
  ).all<{ id: string; name: string; slug: string }>();
  return results.filter((r) => search === undefined || matches(search, r.name, r.slug)).map((r) => r.id);
}

const SEARCHES = ["acme", "ÁCME-", "acme d", "pg-1", "1 acme", "zz", '"*'];
const sorts = (["match", "name", "createdAt", "updatedAt"] as const).flatMap((sortBy) =>
  (["asc", "desc"] as const).map((order) => [sortBy, order] as const),
);
/** The match order exists only for a search with words (one without filters nothing). */
const searchesFor = (sortBy: SortBy) =>
  sortBy === "match" ? SEARCHES.filter((s) => searchWords(s).length > 0) : [undefined, ...SEARCHES];
const matchOf = (search: string | undefined) => {
  const found = searchWords(search ?? "");
  return found.length > 0 ? matchExpression(found) : undefined;
};

describe("list paging matches a straightforward query", () => {
  it.each(sorts)("repository, sortBy=%s %s: every page, with and without a total", async (sortBy, order) => {
    const db = createDb(env.DB);
    for (const search of searchesFor(sortBy)) {
      const all = await expected(sortBy, order, search);
      const match = matchOf(search);
      for (const limit of [3, 7]) {
        for (let skip = 0; skip <= all.length + limit; skip += limit) {
          const want = all.slice(skip, skip + limit);
          for (const total of [undefined, all.length]) {
            const options = { filter: { search: match }, sortBy, order, limit, skip, total };
            const label = `search=${search} limit=${limit} skip=${skip} total=${total}`;
            expect(
              (await readRows(db, options)).map((r) => r.id),
              label,
            ).toEqual(want);
          }
        }
      }
    }
  });

  it.each(sorts)(
    "API, sortBy=%s %s: page numbers and cursors give the same rows and totals",
    async (sortBy, order) => {
      const limit = 7;
      for (const search of searchesFor(sortBy)) {
        const all = await expected(sortBy, order, search);
        const pages = Math.ceil(all.length / limit);
        const explicit = sortBy === "match" ? "" : `sortBy=${sortBy}&`;
        const base = `${explicit}sortOrder=${order}&limit=${limit}${search ? `&search=${encodeURIComponent(search)}` : ""}`;
        const byCursor: string[] = [];
        let cursor: string | null = null;
        for (let page = 1; page <= pages + 1; page++) {
          const res = await expectData<{
            data: Organization[];
            pagination: { page: number; total: number; pages: number; nextCursor: string | null };
          }>(await api(`/api/v1/organizations?${base}&page=${page}`, { headers: serviceHeaders() }), 200);
          const at = `search=${search} page=${page}`;
          expect(
            res.data.map((o) => o.id),
            at,
          ).toEqual(all.slice((page - 1) * limit, page * limit));
          expect(res.pagination, at).toMatchObject({ page, total: all.length, pages });
          expect(res.pagination.nextCursor === null, at).toBe(page >= pages);
          if (page > pages) break;
          const next: { data: Organization[]; pagination: { nextCursor: string | null } } = await expectData<{
            data: Organization[];
            pagination: { nextCursor: string | null };
          }>(
            await api(`/api/v1/organizations?${base}${cursor ? `&cursor=${cursor}` : ""}`, {
              headers: serviceHeaders(),
            }),
            200,
          );
          byCursor.push(...next.data.map((o) => o.id));
          cursor = next.pagination.nextCursor;
        }
        expect(byCursor, `cursor walk, search=${search}`).toEqual(all);
      }
    },
  );
});
