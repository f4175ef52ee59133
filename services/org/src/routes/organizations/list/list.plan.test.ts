import { describe, expect, it } from "vitest";
import {
  beyondEnd,
  countKindOf,
  countValues,
  describePage,
  type ListOptions,
  matchExpression,
  needsCount,
  planned,
  readsFromFarEnd,
  refusesSort,
  SEARCH_COUNT_CAP,
  searchWords,
} from "./list.plan";

const options = (more: Partial<ListOptions> = {}): ListOptions => ({
  filter: {},
  sortBy: "createdAt",
  order: "asc",
  limit: 25,
  skip: 0,
  ...more,
});

describe("search words", () => {
  it("splits on spaces, hyphens, punctuation and symbols, keeping letters, digits and marks", () => {
    expect(searchWords("The Acme-Company, Inc.")).toEqual(["The", "Acme", "Company", "Inc"]);
    expect(searchWords("  acme   co ")).toEqual(["acme", "co"]);
    expect(searchWords("O'Brien & Søn_2")).toEqual(["O", "Brien", "Søn", "2"]);
    expect(searchWords("हिन्दी समाचार")).toEqual(["हिन्दी", "समाचार"]);
  });

  it("keeps a decomposed accent with its letter", () => {
    expect(searchWords("E\u0301lan")).toEqual(["Élan"]);
    expect(searchWords("\u0301 x")).toEqual(["x"]);
  });

  it("leaves nothing of query syntax: quotes, stars, colons, parentheses are separators", () => {
    expect(searchWords('"')).toEqual([]);
    expect(searchWords("*")).toEqual([]);
    expect(searchWords('name:acme* ("co" OR NEAR(x y))')).toEqual([
      "name",
      "acme",
      "co",
      "OR",
      "NEAR",
      "x",
      "y",
    ]);
  });

  it("quotes every word as a prefix term, so keywords are words", () => {
    expect(matchExpression(["acme", "AND", "NEAR"])).toBe('"acme"* "AND"* "NEAR"*');
  });
});

describe("describePage", () => {
  it("reads page 1 of the unfiltered list from the near end", () => {
    const { shape, values } = describePage(options({ total: 100 }));
    expect(shape).toEqual({
      kind: "first",
      sortBy: "createdAt",
      order: "asc",
      walk: "asc",
      search: false,
      seek: false,
    });
    expect(values).toMatchObject({ limit: 25, skip: 0 });
  });

  it("jumps from the near end up to the middle and from the far end past it", () => {
    expect(describePage(options({ skip: 50, total: 100 }))).toMatchObject({
      shape: { kind: "jump", walk: "asc" },
      values: { skip: 50, limit: 25 },
    });
    expect(describePage(options({ skip: 75, total: 100, order: "desc" }))).toMatchObject({
      shape: { kind: "jump", order: "desc", walk: "asc" },
      values: { skip: 0, limit: 25 },
    });
    expect(describePage(options({ skip: 60, total: 100 }))).toMatchObject({
      shape: { kind: "jump", walk: "desc" },
      values: { skip: 15, limit: 25 },
    });
  });

  it("clamps a partial last page and an offset past the end read from the far end", () => {
    expect(describePage(options({ skip: 90, total: 100 })).values).toMatchObject({ skip: 0, limit: 10 });
    expect(describePage(options({ skip: 150, total: 100 })).values).toMatchObject({ skip: 0, limit: 0 });
  });

  it("does not read from the far end without an exact total or with a cursor", () => {
    expect(readsFromFarEnd(options({ skip: 90 }))).toBe(false);
    expect(readsFromFarEnd(options({ skip: 90, total: 100, seek: { key: 1, id: "a" } }))).toBe(false);
    const cursor = describePage(options({ skip: 90, total: 100, seek: { key: 1, id: "a" } }));
    expect(cursor).toMatchObject({
      shape: { kind: "first", seek: true },
      values: { skip: 0, key: 1, id: "a" },
    });
  });

  it("binds a search's match expression; its match order streams, a sort key sorts; one org is a primary-key read", () => {
    const search = describePage(options({ filter: { search: '"ac"*' }, sortBy: "match" }));
    expect(search.shape).toMatchObject({ kind: "match", search: true });
    expect(search.values).toMatchObject({ match: '"ac"*' });
    expect(describePage(options({ filter: { search: '"ac"*' } })).shape.kind).toBe("sorted");
    const far = describePage(options({ filter: { search: '"ac"*' }, sortBy: "match", skip: 60, total: 100 }));
    expect(far).toMatchObject({ shape: { kind: "match", walk: "desc" }, values: { skip: 15 } });
    const one = describePage(options({ filter: { onlyId: "o1", search: '"ac"*' }, skip: 90, total: 1 }));
    expect(one).toMatchObject({ shape: { kind: "one", walk: "asc" }, values: { onlyId: "o1", skip: 90 } });
  });
});

describe("counting", () => {
  it("picks the count each filter reads and the values it binds", () => {
    expect(countKindOf({})).toBe("live");
    expect(countKindOf({ onlyId: "o1" })).toBe("one");
    expect(countKindOf({ onlyId: "o1", search: "ac" })).toBe("oneInSearch");
    expect(countKindOf({ search: "ac" })).toBe("search");
    expect(countValues({ search: '"ac"*' })).toEqual({ onlyId: undefined, match: '"ac"*' });
  });

  it("needs the count for a page jump and a service's search, not for page 1 or a cursor", () => {
    expect(needsCount(options())).toBe(false);
    expect(needsCount(options({ skip: 25 }))).toBe(true);
    expect(needsCount(options({ skip: 25, seek: { key: 1, id: "a" } }))).toBe(false);
    expect(needsCount(options({ filter: { search: "ac" } }))).toBe(true);
    expect(needsCount(options({ filter: { search: "ac", onlyId: "o1" } }))).toBe(false);
  });

  it("plans from a count: the exact total, none beyond a search's cap", () => {
    expect(planned(options({ skip: 25 }), { total: 1_000, exact: true })).toMatchObject({ total: 1_000 });
    const capped = { total: SEARCH_COUNT_CAP + 1, exact: false };
    expect(planned(options({ filter: { search: '"ac"*' } }), capped).total).toBeUndefined();
    expect(planned(options(), undefined)).toEqual(options());
  });

  it("refuses a service's search sorted by a key beyond the cap, never its match order or a user's", () => {
    const search = { search: '"ac"*' };
    const capped = { total: SEARCH_COUNT_CAP + 1, exact: false };
    const exact = { total: SEARCH_COUNT_CAP, exact: true };
    expect(refusesSort(options({ filter: search, sortBy: "name" }), capped)).toBe(true);
    expect(refusesSort(options({ filter: search, sortBy: "name" }), exact)).toBe(false);
    expect(refusesSort(options({ filter: search, sortBy: "match" }), capped)).toBe(false);
    expect(refusesSort(options({ filter: { ...search, onlyId: "o1" }, sortBy: "name" }), capped)).toBe(false);
  });

  it("answers a jump past an exact total as empty, but not past a lower bound or by cursor", () => {
    expect(beyondEnd(options({ skip: 100 }), { total: 100, exact: true })).toBe(true);
    expect(beyondEnd(options({ skip: 75 }), { total: 100, exact: true })).toBe(false);
    expect(beyondEnd(options({ skip: 100 }), { total: 100, exact: false })).toBe(false);
    const cursor = options({ skip: 100, seek: { key: 1, id: "a" } });
    expect(beyondEnd(cursor, { total: 100, exact: true })).toBe(false);
  });
});
