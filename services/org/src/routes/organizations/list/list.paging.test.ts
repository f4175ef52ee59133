import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { expectData, serviceHeaders } from "@svc/platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../../test/helpers";
import { createDb } from "../../../db/client";
import type { SortBy, SortOrder } from "./list.plan";
import { readRows } from "./list.repository";

// A small set with every awkward case: names matching by name only, by slug only and by both,
// case differences, duplicate names and shared timestamps (the id breaks ties), and soft-deleted
// matches that must never show. Results are compared with a straightforward query.
const N = 61;
beforeAll(async () => {
  await env.DB.prepare(
    `insert into organization (id, name, slug, status, kind, created_at, updated_at, deleted_at)
     with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${N})
     select printf('00000000-0000-7000-9000-%012d', (n * 37) % 101),
       case n % 5 when 0 then 'Acme ' || (n % 7) when 1 then 'ACME dup' when 2 then 'Beta ' || n
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

const KEY: Record<SortBy, string> = { name: "lower(name)", createdAt: "created_at", updatedAt: "updated_at" };

async function expected(sortBy: SortBy, order: SortOrder, search: string | undefined) {
  const filter = search
    ? `and (substr(lower(name), 1, ${search.length}) = ?1 or substr(slug, 1, ${search.length}) = ?1)`
    : "";
  const stmt = env.DB.prepare(
    `select id from organization where deleted_at is null ${filter}
     order by ${KEY[sortBy]} ${order}, id ${order}`,
  );
  const { results } = await (search ? stmt.bind(search) : stmt).all<{ id: string }>();
  return results.map((r) => r.id);
}

const sorts = (["name", "createdAt", "updatedAt"] as const).flatMap((sortBy) =>
  (["asc", "desc"] as const).map((order) => [sortBy, order] as const),
);

describe("list paging matches a straightforward query", () => {
  it.each(sorts)(
    "repository, sortBy=%s %s: both search plans, every page, with and without a total",
    async (sortBy, order) => {
      const db = createDb(env.DB);
      for (const search of [undefined, "acme", "acme-", "acme d", "pg-1", "zz"]) {
        const all = await expected(sortBy, order, search);
        for (const limit of [3, 7]) {
          for (let skip = 0; skip <= all.length + limit; skip += limit) {
            const want = all.slice(skip, skip + limit);
            for (const plan of ["walk", "collect"] as const) {
              for (const total of [undefined, all.length]) {
                const options = { filter: { search }, sortBy, order, limit, skip, plan, total };
                const label = `search=${search} limit=${limit} skip=${skip} plan=${plan} total=${total}`;
                expect(
                  (await readRows(db, options)).map((r) => r.id),
                  label,
                ).toEqual(want);
              }
            }
          }
        }
      }
    },
  );

  it.each(sorts)(
    "API, sortBy=%s %s: page numbers and cursors give the same rows and totals",
    async (sortBy, order) => {
      const limit = 7;
      for (const search of [undefined, "acme", "ACME-", "zz"]) {
        const all = await expected(sortBy, order, search?.toLowerCase());
        const pages = Math.ceil(all.length / limit);
        const base = `sortBy=${sortBy}&sortOrder=${order}&limit=${limit}${search ? `&search=${search}` : ""}`;
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
