import { env } from "cloudflare:workers";
import { serviceHeaders } from "@svc/platform/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../../test/helpers";
import { createDb } from "../../../db/client";
import { type ListOptions, matchExpression, SEARCH_COUNT_CAP, searchWords } from "./list.plan";
import { pageSql, searchCountSql } from "./list.repository";

// 100k live orgs shaped like the benchmark's: every 100th is named "Northwind n" (a 1% word),
// the rest "Company n" (a 99% word); every slug is "org-n" (a 100% word on the slug only).
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

  const match = (search: string) => matchExpression(searchWords(search));

  it("pages a narrow search (1%) from the full-text index in match order, with a cheap count", async () => {
    const count = await measure(searchCountSql(db(), match("northwind")));
    expect(count.rows).toEqual([[1000]]);
    expect(count.rowsRead).toBeLessThan(1100);
    const first = await page({ filter: { search: match("northwind") }, sortBy: "match", total: 1000 });
    expect(first.rowsRead).toBeLessThan(200);
    // The index hands over rowids in order; rows are read by rowid, nothing is sorted.
    expect(first.plan).toMatch(/SEARCH organization USING INTEGER PRIMARY KEY/);
    expect(first.plan).not.toMatch(/SCAN organization( |$)|TEMP B-TREE/);
    expect(first.rows.map((r) => r[0])).toEqual(
      await ids(
        "select id from organization where deleted_at is null and name like 'Northwind %' order by rowid desc limit 25",
      ),
    );
  });

  it("pages a broad search (99%) in match order reading about a page, and caps its count", async () => {
    const count = await measure(searchCountSql(db(), match("company")));
    expect(count.rows).toEqual([[SEARCH_COUNT_CAP + 1]]);
    expect(count.rowsRead).toBeLessThan(SEARCH_COUNT_CAP + 100);
    for (const search of ["company", "org", "c", "o"]) {
      const streamed = await page({ filter: { search: match(search) }, sortBy: "match" });
      expect(streamed.rowsRead, search).toBeLessThan(200);
    }
  });

  // A sort reads each match's row and sorts it (about four rows read per match, at most 1001
  // matches); the match order reads about skip + limit index entries.
  it.each([
    ["northwind", "name", 0, 5_000],
    ["northwind", "createdAt", 975, 5_000],
    ["northwind 5", "updatedAt", 0, 1_000],
    ["company", "match", 2_500, 3_000],
  ] as const)(
    "answers search=%s sortBy=%s skip=%i in under %i rows read",
    async (search, sortBy, skip, most) => {
      const { rows } = await measure(searchCountSql(db(), match(search)));
      const [matches] = rows[0] as [number];
      const exact = matches <= SEARCH_COUNT_CAP;
      const result = await page({
        filter: { search: match(search) },
        sortBy,
        skip,
        total: exact ? matches : undefined,
      });
      expect(result.rows).toHaveLength(25);
      expect(result.rowsRead).toBeLessThan(most);
    },
  );

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
    const byName = await get("limit=25&search=northwind&sortBy=name&sortOrder=asc");
    expect(byName.data.map((o) => o.name).slice(0, 2)).toEqual(["Northwind 100", "Northwind 1000"]);
    const twoWords = await get("limit=25&search=northwind%205");
    expect(twoWords.data.map((o) => o.name).slice(0, 2)).toEqual(["Northwind 59900", "Northwind 59800"]);
    expect(twoWords.pagination.total).toBe(111);
    const broad = await get("limit=25&search=company");
    expect(broad.data[0]?.name).toBe("Company 99999");
    // Beyond the cap the total is a lower bound, and the last counted page still links onwards.
    expect(broad.pagination).toMatchObject({ total: SEARCH_COUNT_CAP + 1, pages: 41 });
    const atCap = await get("limit=25&search=company&page=41");
    expect(atCap.data).toHaveLength(25);
    expect(atCap.pagination.nextCursor).not.toBeNull();
    // Sorting the broad search by a key would sort 99k rows per page: refused.
    const sorted = await api("/api/v1/organizations?limit=25&search=company&sortBy=name", { headers });
    expect(sorted.status).toBe(400);
  });
});
