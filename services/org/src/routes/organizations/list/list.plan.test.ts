import { describe, expect, it } from "vitest";
import {
  beyondEnd,
  chooseSearchPlan,
  countKindOf,
  countValues,
  describePage,
  type ListOptions,
  needsCount,
  planned,
  readsFromFarEnd,
  SEARCH_COUNT_CAP,
} from "./list.plan";

const options = (more: Partial<ListOptions> = {}): ListOptions => ({
  filter: {},
  sortBy: "createdAt",
  order: "asc",
  limit: 25,
  skip: 0,
  ...more,
});

describe("chooseSearchPlan", () => {
  it("collects a narrow search and walks a broad one", () => {
    expect(chooseSearchPlan(1_000, 100_000, 0, 25)).toBe("collect");
    expect(chooseSearchPlan(SEARCH_COUNT_CAP + 1, 100_000, 0, 25)).toBe("walk");
  });

  it("collects once the page is deep enough that walking would read more", () => {
    expect(chooseSearchPlan(5_000, 100_000, 0, 25)).toBe("walk");
    expect(chooseSearchPlan(5_000, 100_000, 250, 25)).toBe("collect");
  });

  it("never divides by a live count below the matches (a stale counter)", () => {
    expect(chooseSearchPlan(50, 0, 0, 25)).toBe("walk");
    expect(chooseSearchPlan(25, 0, 0, 25)).toBe("collect");
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

  it("binds a search as a prefix range and takes its plan; one org is always a primary-key read", () => {
    const search = describePage(options({ filter: { search: "ac" }, plan: "walk" }));
    expect(search.shape).toMatchObject({ kind: "walk", search: true });
    expect(search.values).toMatchObject({ prefix: "ac", prefixEnd: "ac\u{10FFFF}" });
    expect(describePage(options({ filter: { search: "ac" } })).shape.kind).toBe("collect");
    const one = describePage(options({ filter: { onlyId: "o1", search: "ac" }, skip: 90, total: 1 }));
    expect(one).toMatchObject({ shape: { kind: "one", walk: "asc" }, values: { onlyId: "o1", skip: 90 } });
  });
});

describe("counting", () => {
  it("picks the count each filter reads and the values it binds", () => {
    expect(countKindOf({})).toBe("live");
    expect(countKindOf({ onlyId: "o1" })).toBe("one");
    expect(countKindOf({ onlyId: "o1", search: "ac" })).toBe("oneInSearch");
    expect(countKindOf({ search: "ac" })).toBe("search");
    expect(countValues({ search: "ac" })).toEqual({
      onlyId: undefined,
      prefix: "ac",
      prefixEnd: "ac\u{10FFFF}",
    });
  });

  it("needs the count for a page jump and a service's search, not for page 1 or a cursor", () => {
    expect(needsCount(options())).toBe(false);
    expect(needsCount(options({ skip: 25 }))).toBe(true);
    expect(needsCount(options({ skip: 25, seek: { key: 1, id: "a" } }))).toBe(false);
    expect(needsCount(options({ filter: { search: "ac" } }))).toBe(true);
    expect(needsCount(options({ filter: { search: "ac", onlyId: "o1" } }))).toBe(false);
  });

  it("plans from a count: the exact total, and a search plan for a service's search", () => {
    const counted = { total: 1_000, exact: true, live: 100_000 };
    expect(planned(options({ skip: 25 }), counted)).toMatchObject({ total: 1_000, plan: undefined });
    expect(planned(options({ filter: { search: "ac" } }), counted)).toMatchObject({ plan: "collect" });
    const capped = { total: SEARCH_COUNT_CAP + 1, exact: false, live: 100_000 };
    expect(planned(options({ filter: { search: "ac" } }), capped)).toMatchObject({
      plan: "walk",
      total: undefined,
    });
    expect(planned(options(), undefined)).toEqual(options());
  });

  it("answers a jump past an exact total as empty, but not past a lower bound or by cursor", () => {
    expect(beyondEnd(options({ skip: 100 }), { total: 100, exact: true, live: 100 })).toBe(true);
    expect(beyondEnd(options({ skip: 75 }), { total: 100, exact: true, live: 100 })).toBe(false);
    expect(beyondEnd(options({ skip: 100 }), { total: 100, exact: false, live: 100 })).toBe(false);
    const cursor = options({ skip: 100, seek: { key: 1, id: "a" } });
    expect(beyondEnd(cursor, { total: 100, exact: true, live: 100 })).toBe(false);
  });
});
