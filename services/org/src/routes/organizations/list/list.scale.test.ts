import { env } from "cloudflare:workers";
import { serviceHeaders } from "@svc/platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../../test/helpers";
import { createDb } from "../../../db/client";
import { chooseSearchPlan, type ListOptions, SEARCH_COUNT_CAP, type SearchPlan } from "./list.plan";
import { pageSql, searchCountSql } from "./list.repository";

// 100k live orgs shaped like the benchmark's: every 100th is named "Northwind n" (a 1% prefix),
// the rest "Company n" (a 99% prefix); every slug is "org-n" (a 100% prefix on the slug only).
const ORGS = 100_000;
beforeAll(async () => {
  await env.DB.prepare(
    `insert into organization (id, name, slug, status, kind, created_at, updated_at)
     with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${ORGS})
     select printf('00000000-0000-7000-8000-%012d', n),
       (case when n % 100 = 0 then 'Northwind ' else 'Company ' end) || n, 'org-' || n,
       'active', 'business', 1767225600000 + n * 1000, 1767225600000 + n * 1000 from seq`,
  ).run();
  await env.DB.prepare(
    `insert into counter (name, value) select 'organizations', count(*) from organization where deleted_at is null
     on conflict (name) do update set value = excluded.value`,
  ).run();
}, 120_000);

const db = () => createDb(env.DB);

/** Runs a request's statement as D1 does and returns its rows, D1's rows_read and the query plan. */
async function measure({ sql, params }: { sql: string; params: unknown[] }) {
  const result = await env.DB.prepare(sql)
    .bind(...params)
    .raw();
  const { meta } = await env.DB.prepare(sql)
    .bind(...params)
    .run();
  const { results } = await env.DB.prepare(`explain query plan ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return { rows: result, rowsRead: meta.rows_read, plan: results.map((r) => r.detail).join(" | ") };
}

const page = (options: Partial<ListOptions>) =>
  measure(
    pageSql(db(), {
      filter: {},
      sortBy: "createdAt",
      order: "desc",
      limit: 25,
      skip: 0,
      ...options,
    }),
  );

const ids = async (sql: string) => (await env.DB.prepare(sql).all<{ id: string }>()).results.map((r) => r.id);

describe("list at 100k orgs", () => {
  it("reads the last page from the far end of the index, not through 100k offset entries", async () => {
    const last = await page({ skip: ORGS - 25, total: ORGS });
    expect(last.rowsRead).toBeLessThan(200);
    expect(last.plan).not.toMatch(/SCAN organization(?! USING)/);
    const expected = await ids(
      `select id from organization where deleted_at is null order by created_at desc, id desc limit 25 offset ${ORGS - 25}`,
    );
    expect(last.rows.map((r) => r[0])).toEqual(expected);
    // A page just past the middle walks about half the index, never more.
    const middle = await page({ skip: ORGS / 2 + 25, total: ORGS });
    expect(middle.rowsRead).toBeLessThan(ORGS / 2 + 200);
  });

  it("pages a narrow search (1%) by collecting its index range, with a cheap count", async () => {
    const count = await measure(searchCountSql(db(), "northwind"));
    expect(count.rows).toEqual([[1000, ORGS]]);
    expect(count.rowsRead).toBeLessThan(1100);
    expect(chooseSearchPlan(1000, ORGS, 0, 25)).toBe("collect");
    const first = await page({ filter: { search: "northwind" }, plan: "collect", total: 1000 });
    // D1 counts the 1000 index entries and the 1000 sorter rows they become.
    expect(first.rowsRead).toBeLessThan(2100);
    expect(first.plan).not.toMatch(/SCAN organization(?! USING)/);
    expect(first.rows.map((r) => r[0])).toEqual(
      await ids(
        `select id from organization where deleted_at is null and lower(name) like 'northwind%' order by created_at desc, id desc limit 25`,
      ),
    );
  });

  it("pages a broad search (99%) by walking the sort index, and caps its count", async () => {
    const count = await measure(searchCountSql(db(), "company"));
    expect(count.rows).toEqual([[SEARCH_COUNT_CAP + 1, ORGS]]);
    expect(count.rowsRead).toBeLessThan(SEARCH_COUNT_CAP + 100);
    expect(chooseSearchPlan(SEARCH_COUNT_CAP + 1, ORGS, 0, 25)).toBe("walk");
    for (const [search, sortBy] of [
      ["company", "createdAt"],
      ["org-", "name"],
      ["company", "updatedAt"],
    ] as const) {
      const walk = await page({ filter: { search }, sortBy, plan: "walk" });
      expect(walk.rowsRead, `${search} by ${sortBy}`).toBeLessThan(200);
      expect(walk.plan).toMatch(/SCAN organization USING COVERING INDEX organization_live_\w+_idx/);
    }
  });

  it.each([
    ["northwind", 0],
    ["company", 0],
    ["northwind", 975],
    ["org-9", 100],
  ] as const)("answers search=%s skip=%i in a few thousand index entries at most", async (search, skip) => {
    const { rows } = await measure(searchCountSql(db(), search));
    const [matches, live] = rows[0] as [number, number];
    const plan: SearchPlan = chooseSearchPlan(matches, live, skip, 25);
    const exact = matches <= SEARCH_COUNT_CAP;
    const result = await page({ filter: { search }, skip, plan, total: exact ? matches : undefined });
    expect(result.rowsRead).toBeLessThan(3000);
  });

  it("answers the benchmark's requests (last page, narrow and broad search) end to end", async () => {
    const headers = serviceHeaders();
    const get = async (query: string) =>
      (await (await api(`/api/v1/organizations?${query}`, { headers })).json()) as {
        data: { name: string }[];
        pagination: { total: number; pages: number; nextCursor: string | null };
      };
    const last = await get("limit=25&page=4000");
    expect(last.data.map((o) => o.name).slice(0, 2)).toEqual(["Company 25", "Company 24"]);
    expect(last.pagination).toMatchObject({ total: ORGS, pages: 4000, nextCursor: null });
    const narrow = await get("limit=25&search=northwind");
    expect(narrow.data[0]?.name).toBe("Northwind 100000");
    expect(narrow.pagination).toMatchObject({ total: 1000, pages: 40 });
    const broad = await get("limit=25&search=company");
    expect(broad.data[0]?.name).toBe("Company 99999");
    // Beyond the cap the total is a lower bound, and the last counted page still links onwards.
    expect(broad.pagination).toMatchObject({ total: SEARCH_COUNT_CAP + 1, pages: 401 });
    const atCap = await get("limit=25&search=company&page=401");
    expect(atCap.data).toHaveLength(25);
    expect(atCap.pagination.nextCursor).not.toBeNull();
  });
});
