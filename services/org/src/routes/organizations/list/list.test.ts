import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { encodeCursor } from "@svc/platform";
import {
  createIssuer,
  expectData,
  expectError,
  json,
  serviceHeaders,
  stubOutbound,
} from "@svc/platform/testing";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api, createOrg, memberOf } from "../../../../test/helpers";
import { createDb } from "../../../db/client";
import type { SortBy } from "./list.plan";
import { pageSql } from "./list.repository";

interface Page {
  data: Organization[];
  pagination: { page: number; limit: number; total: number; pages: number; nextCursor: string | null };
}

const list = async (query: string, headers = serviceHeaders()) =>
  expectData<Page>(await api(`/api/v1/organizations?${query}`, { headers }), 200);

const tag = crypto.randomUUID().slice(0, 8);
let made: Organization[] = [];
beforeAll(async () => {
  made = [];
  for (const name of ["Delta", "alpha", "Charlie", "bravo", "Echo"]) {
    made.push(await createOrg({ name: `${tag} ${name}` }));
  }
});
afterEach(() => vi.restoreAllMocks());

describe("GET /api/v1/organizations", () => {
  it("searches name or slug by prefix, case-insensitively, and sorts by name", async () => {
    const page = await list(`search=${tag.toUpperCase()}&sortBy=name&sortOrder=asc`);
    expect(page.data.map((o) => o.name.split(" ")[1])).toEqual([
      "alpha",
      "bravo",
      "Charlie",
      "Delta",
      "Echo",
    ]);
    expect(page.pagination).toEqual({ page: 1, limit: 20, total: 5, pages: 1, nextCursor: null });
    const bySlug = await list(`search=${made[0]!.slug}`);
    expect(bySlug.data.map((o) => o.id)).toEqual([made[0]!.id]);
  });

  it("walks pages by number and by cursor to the same rows", async () => {
    const byNumber: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await list(`search=${tag}&sortBy=createdAt&sortOrder=asc&limit=2&page=${page}`);
      expect(res.pagination).toMatchObject({ page, limit: 2, total: 5, pages: 3 });
      byNumber.push(...res.data.map((o) => o.id));
    }
    expect(byNumber).toEqual(made.map((o) => o.id));

    const byCursor: string[] = [];
    let query = `search=${tag}&sortBy=createdAt&sortOrder=asc&limit=2`;
    for (const page of [1, 2, 3]) {
      const res = await list(query);
      expect(res.pagination.page).toBe(page);
      byCursor.push(...res.data.map((o) => o.id));
      query = `search=${tag}&sortBy=createdAt&sortOrder=asc&limit=2&cursor=${res.pagination.nextCursor}`;
      if (page === 3) expect(res.pagination.nextCursor).toBeNull();
    }
    expect(byCursor).toEqual(byNumber);
  });

  it("reads a deep page right after its total changed (a remembered count never moves the page)", async () => {
    const deep = crypto.randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) ids.push((await createOrg({ name: `${deep} ${i}` })).id);
    const page3 = async () =>
      list(`search=${deep}&sortBy=createdAt&sortOrder=asc&limit=2&page=3`).then((res) => ({
        ids: res.data.map((o) => o.id),
        total: res.pagination.total,
      }));
    // Skip 4 of 7 is past the middle: the page is read from the far end with the count.
    expect(await page3()).toEqual({ ids: ids.slice(4, 6), total: 7 });
    for (let i = 8; i <= 9; i++) ids.push((await createOrg({ name: `${deep} ${i}` })).id);
    expect(await page3()).toEqual({ ids: ids.slice(4, 6), total: 9 });
    const page5 = await list(`search=${deep}&sortBy=createdAt&sortOrder=asc&limit=2&page=5`);
    expect(page5.data.map((o) => o.id)).toEqual(ids.slice(8));
  });

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["createdAt", "asc"],
    ["createdAt", "desc"],
    ["updatedAt", "asc"],
    ["updatedAt", "desc"],
  ] as const)("walks the whole unfiltered list by cursor, sortBy=%s %s", async (sortBy, order) => {
    const key = { name: "lower(name)", createdAt: "created_at", updatedAt: "updated_at" }[sortBy];
    const { results } = await env.DB.prepare(
      `select id from organization where deleted_at is null order by ${key} ${order}, id ${order}`,
    ).all<{ id: string }>();
    const walked: string[] = [];
    let query = `sortBy=${sortBy}&sortOrder=${order}&limit=4`;
    for (;;) {
      const page = await list(query);
      expect(page.pagination.total).toBe(results.length);
      walked.push(...page.data.map((o) => o.id));
      if (!page.pagination.nextCursor) break;
      query = `sortBy=${sortBy}&sortOrder=${order}&limit=4&cursor=${page.pagination.nextCursor}`;
    }
    expect(walked).toEqual(results.map((r) => r.id));
  });

  it("sorts descending by updatedAt", async () => {
    const res = await list(`search=${tag}&sortBy=updatedAt&sortOrder=desc`);
    expect(res.data.map((o) => o.id)).toEqual([...made].reverse().map((o) => o.id));
  });

  it("refuses a cursor minted for another sort, and bad paging input", async () => {
    // Minted for search=tag, sortBy=name, sortOrder=desc (the default): any other one of the three is refused.
    const first = await list(`search=${tag}&sortBy=name&limit=1`);
    for (const other of [
      `search=${tag}&sortBy=createdAt`,
      `search=${tag}&sortBy=name&sortOrder=asc`,
      `search=${tag}x&sortBy=name`,
      "sortBy=name",
    ]) {
      await expectError(
        await api(`/api/v1/organizations?${other}&limit=1&cursor=${first.pagination.nextCursor}`, {
          headers: serviceHeaders(),
        }),
        400,
        "INVALID_INPUT",
      );
    }
    for (const q of ["limit=101", "page=0", "sortBy=slug", "sortOrder=up", "cursor=%21%21"]) {
      await expectError(
        await api(`/api/v1/organizations?${q}`, { headers: serviceHeaders() }),
        400,
        "INVALID_INPUT",
      );
    }
  });

  it("takes the unfiltered total from the counter, which tracks creates and deletes", async () => {
    const live = async () =>
      (await env.DB.prepare("select count(*) as n from organization where deleted_at is null").first<{
        n: number;
      }>())!.n;
    expect((await list("limit=1")).pagination.total).toBe(await live());
    const stored = await env.DB.prepare("select value from counter where name = 'organizations'").first<{
      value: number;
    }>();
    expect(stored?.value).toBe(await live());
  });

  it("seeds a missing counter row from the index on the first list that needs it", async () => {
    const live = (await env.DB.prepare(
      "select count(*) as n from organization where deleted_at is null",
    ).first<{ n: number }>())!.n;
    await env.DB.prepare("delete from counter where name = 'organizations'").run();
    expect((await list("limit=1")).pagination.total).toBe(live);
    const stored = await env.DB.prepare("select value from counter where name = 'organizations'").first<{
      value: number;
    }>();
    expect(stored?.value).toBe(live);
  });

  it("answers an empty page with its total: nothing matches, or a cursor past the end", async () => {
    for (let i = 0; i < 2; i++) {
      const page = await list(`search=${tag}-nothing-here`);
      expect(page.data).toEqual([]);
      expect(page.pagination).toMatchObject({ total: 0, pages: 0, nextCursor: null });
    }
    const live = (await env.DB.prepare(
      "select count(*) as n from organization where deleted_at is null",
    ).first<{ n: number }>())!.n;
    // Older than the epoch: no row is past this seek point.
    const past = await list(`cursor=${encodeCursor(["createdAt", "desc", "", 2, "0", "0"])}`);
    expect(past.data).toEqual([]);
    expect(past.pagination).toMatchObject({ total: live, nextCursor: null });
  });

  it("shows a user principal only their own organization", async () => {
    const issuer = await createIssuer();
    stubOutbound(issuer);
    const { org, headers } = await memberOf(issuer);
    const res = await list("limit=100", headers);
    expect(res.data.map((o) => o.id)).toEqual([org.id]);
    expect(res.pagination.total).toBe(1);
    // Empty pages still carry the count: a search their org does not match, a page past it.
    for (const [query, total] of [
      ["search=zzz-no-match", 0],
      ["limit=10&page=3", 1],
    ] as const) {
      const page = await list(query, headers);
      expect(page.data).toEqual([]);
      expect(page.pagination.total).toBe(total);
    }
    const own = await list(`search=${encodeURIComponent(org.name.toUpperCase())}`, headers);
    expect(own.data.map((o) => o.id)).toEqual([org.id]);
  });
});

describe("list query plans", () => {
  const plan = async (sortBy: SortBy, options: { search?: string; seek?: boolean; skip?: number }) => {
    const query = pageSql(createDb(env.DB), {
      filter: { search: options.search },
      sortBy,
      order: "asc",
      limit: 21,
      skip: options.skip ?? 0,
      seek: options.seek ? { key: sortBy === "name" ? "m" : 1, id: "0" } : undefined,
    });
    const { results } = await env.DB.prepare(`explain query plan ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    return results.map((r) => r.detail).join(" | ");
  };

  it.each(["name", "createdAt", "updatedAt"] as const)(
    "seeks the %s index for a cursor page",
    async (sortBy) => {
      const detail = await plan(sortBy, { seek: true });
      expect(detail).toMatch(/SEARCH organization USING (COVERING )?INDEX organization_live_\w+_idx \(/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
    },
  );

  it("offsets over the covering sort index only, for a page jump", async () => {
    expect(await plan("createdAt", { skip: 200 })).toMatch(
      /SCAN organization USING COVERING INDEX organization_live_created_idx/,
    );
  });

  it("answers a search from the full-text index and reads rows by rowid", async () => {
    const detail = await plan("match", { search: '"acme"*' });
    expect(detail).toMatch(/SCAN organization_search VIRTUAL TABLE/);
    expect(detail).toMatch(/SEARCH organization USING INTEGER PRIMARY KEY/);
    expect(detail).not.toMatch(/SCAN organization( |$)/);
  });
});

describe("search", () => {
  // A word no other org has, starting with a letter no search below begins with.
  const word = `q${crypto.randomUUID().slice(0, 7)}`;
  const names = [
    "The Acme Company",
    "Élan Vital",
    "ÉCOLE Straße",
    "Zürich-Werke AG",
    "МОСКВА Trading",
    'NEAR AND name: (the) "quoted" star*',
  ];
  const byName = new Map<string, Organization>();
  beforeAll(async () => {
    for (const name of names) byName.set(name, await createOrg({ name: `${name} ${word}` }));
  });
  /** The names (without the tag word) a search finds among this block's orgs, newest first. */
  const found = async (search: string, more = "") => {
    const page = await list(`search=${encodeURIComponent(`${search} ${word}`)}&limit=100${more}`);
    return page.data.map((o) => o.name.replace(` ${word}`, ""));
  };

  it("matches when every word is a prefix of a word of the name or slug, in any order", async () => {
    expect(await found("acme co")).toEqual(["The Acme Company"]);
    expect(await found("comp THE")).toEqual(["The Acme Company"]);
    expect(await found("acme zz")).toEqual([]);
    // The slug's words count too: "zurich-werke-ag-…" is split on its hyphens.
    const zurich = byName.get("Zürich-Werke AG")!;
    expect(zurich.slug).toMatch(/^zurich-werke-ag/);
    expect(await found("werke")).toEqual(["Zürich-Werke AG"]);
  });

  it("ignores case and accents across Unicode", async () => {
    expect(await found("e")).toEqual(["ÉCOLE Straße", "Élan Vital"]);
    expect(await found("ELAN")).toEqual(["Élan Vital"]);
    expect(await found("école strasse")).toEqual([]);
    expect(await found("ecole straße")).toEqual(["ÉCOLE Straße"]);
    expect(await found("zurich")).toEqual(["Zürich-Werke AG"]);
    expect(await found("москва")).toEqual(["МОСКВА Trading"]);
    // A decomposed accent (e + combining acute) is the same letter.
    expect(await found("E\u0301LAN")).toEqual(["Élan Vital"]);
  });

  it("reads query syntax as text: quotes, stars, colons, parentheses and keywords never operate", async () => {
    const quoted = 'NEAR AND name: (the) "quoted" star*';
    expect(await found("NEAR")).toEqual([quoted]);
    expect(await found("and")).toEqual([quoted]);
    expect(await found('"quoted"')).toEqual([quoted]);
    expect(await found("name:")).toEqual([quoted]);
    expect(await found("(the)")).toEqual([quoted, "The Acme Company"]);
    expect(await found("NEAR(the quoted)")).toEqual([quoted]);
    expect(await found("star*")).toEqual([quoted]);
    // As an operator OR would find every org of this block; as a word it finds none.
    expect(await found("OR")).toEqual([]);
    expect(await found("-acme")).toEqual(["The Acme Company"]);
    expect(await found("^acme")).toEqual(["The Acme Company"]);
  });

  it("answers a search of only syntax characters as the unfiltered list", async () => {
    const all = await list("limit=5");
    for (const search of ['"', "*", ":", "(", ")", '"*', "-", "^"]) {
      const page = await list(`search=${encodeURIComponent(search)}&limit=5`);
      expect(page.pagination.total, search).toBe(all.pagination.total);
      expect(page.data.map((o) => o.id)).toEqual(all.data.map((o) => o.id));
    }
  });

  it("lists matches newest first by default, oldest first with sortOrder=asc", async () => {
    const order = names.map((name) => byName.get(name)!.id);
    const newest = await list(`search=${word}&limit=100`);
    expect(newest.data.map((o) => o.id)).toEqual([...order].reverse());
    const oldest = await list(`search=${word}&limit=100&sortOrder=asc`);
    expect(oldest.data.map((o) => o.id)).toEqual(order);
  });

  it("follows renames, soft deletes and new orgs in the index", async () => {
    const tag = `q${crypto.randomUUID().slice(0, 7)}`;
    const org = await createOrg({ name: `Renamed Before ${tag}`, slug: `old-${tag}` });
    expect((await list(`search=before ${tag}`)).data.map((o) => o.id)).toEqual([org.id]);
    const res = await api(`/api/v1/organizations/${org.id}`, {
      method: "PATCH",
      ...json({ name: `Renamed Après ${tag}`, slug: `new-${tag}` }, serviceHeaders(org.id)),
    });
    expect(res.status).toBe(200);
    for (const gone of ["before", "old"]) expect((await list(`search=${gone} ${tag}`)).data).toEqual([]);
    for (const search of ["apres", "new", "APRÈS NEW"]) {
      expect((await list(`search=${search} ${tag}`)).data.map((o) => o.id)).toEqual([org.id]);
    }
    const removed = await api(`/api/v1/organizations/${org.id}`, {
      method: "DELETE",
      headers: serviceHeaders(org.id),
    });
    expect(removed.status).toBe(204);
    expect((await list(`search=renamed ${tag}`)).pagination.total).toBe(0);
  });
});
