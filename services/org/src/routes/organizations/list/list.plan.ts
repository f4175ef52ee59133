export type SortBy = "name" | "createdAt" | "updatedAt";
export type SortOrder = "asc" | "desc";

/**
 * A search counts its matches up to this many and stops: `total` is exact up to the cap and a
 * lower bound ("at least") beyond it, so a broad prefix never re-reads every match per request.
 */
export const SEARCH_COUNT_CAP = 10_000;

export interface ListFilter {
  /** Lower-cased prefix of the name or the slug. */
  search?: string;
  /** Restricts the list to one organization (a user principal sees only their own). */
  onlyId?: string;
}

export interface Seek {
  key: string | number;
  id: string;
}

/** A search binds its prefix as the index range [prefix, prefixEnd). */
export const prefixRange = (search: string) => ({ prefix: search, prefixEnd: `${search}\u{10FFFF}` });

/**
 * How a search finds its page. `collect` reads every match from the name and slug ranges and sorts
 * them (cost ~ matches); `walk` walks the sort index in order, filtering on the name and slug it
 * carries, and stops at the page (cost ~ (skip + limit) * live / matches for evenly spread matches).
 */
export type SearchPlan = "collect" | "walk";

export function chooseSearchPlan(matches: number, live: number, skip: number, limit: number): SearchPlan {
  return matches * matches <= (skip + limit) * Math.max(live, matches) ? "collect" : "walk";
}

export interface ListOptions {
  filter: ListFilter;
  sortBy: SortBy;
  order: SortOrder;
  limit: number;
  seek?: Seek;
  skip: number;
  /**
   * The exact number of rows the filter matches, when known. A page past the middle is then read
   * from the other end of the index (offset `total - skip - limit`) and put back in order.
   */
  total?: number;
  /** For a search (without `onlyId`); defaults to `collect`. */
  plan?: SearchPlan;
}

const flip = (order: SortOrder): SortOrder => (order === "asc" ? "desc" : "asc");

/**
 * Past the middle of an exactly counted list, the page is as near the far end of the index as
 * page 1 is to the near end: it is read from there (offset `total - skip - limit`) and re-sorted.
 */
export const readsFromFarEnd = (options: ListOptions): options is ListOptions & { total: number } =>
  options.total !== undefined && !options.seek && options.skip > 0 && options.skip * 2 > options.total;

/**
 * What fixes a page statement's SQL text; every other input is a bound value. `walk` is the order
 * the index is read in (the reverse of `order` from the far end); rows come back in `order`.
 */
export interface PageShape {
  kind: "one" | "first" | "jump" | SearchPlan;
  sortBy: SortBy;
  order: SortOrder;
  walk: SortOrder;
  search: boolean;
  seek: boolean;
}

export type PageValues = {
  limit: number;
  skip: number;
  prefix?: string;
  prefixEnd?: string;
  key?: string | number;
  id?: string;
  onlyId?: string;
};

/** Splits a page request into its statement's shape and the values that statement binds. */
export function describePage(options: ListOptions): { shape: PageShape; values: PageValues } {
  const { filter, sortBy, order, seek } = options;
  const values: PageValues = {
    limit: options.limit,
    // A cursor page seeks past the previous page's last row: nothing to skip.
    skip: seek ? 0 : options.skip,
    ...(filter.search === undefined ? {} : prefixRange(filter.search)),
    key: seek?.key,
    id: seek?.id,
    onlyId: filter.onlyId,
  };
  const base = { sortBy, order, walk: order, search: filter.search !== undefined, seek: seek !== undefined };
  // At most one row, by primary key.
  if (filter.onlyId !== undefined) return { shape: { ...base, kind: "one" }, values };
  if (readsFromFarEnd(options)) {
    base.walk = flip(order);
    values.skip = options.total - values.skip - values.limit;
    if (values.skip < 0) {
      values.limit = Math.max(0, values.limit + values.skip);
      values.skip = 0;
    }
  }
  const kind =
    filter.search !== undefined
      ? (options.plan ?? "collect")
      : base.walk === order && values.skip === 0
        ? "first"
        : "jump";
  return { shape: { ...base, kind }, values };
}

/**
 * Which count a list reads: the live counter row (the unfiltered list), an index count of one
 * organization (a user's list, with or without a search), or a service's capped search count.
 */
export type CountKind = "live" | "one" | "oneInSearch" | "search";

export const countKind = (onlyId: boolean, search: boolean): CountKind =>
  onlyId ? (search ? "oneInSearch" : "one") : search ? "search" : "live";

export const countKindOf = (filter: ListFilter) =>
  countKind(filter.onlyId !== undefined, filter.search !== undefined);

export const countValues = (filter: ListFilter) => ({
  onlyId: filter.onlyId,
  ...(filter.search === undefined ? {} : prefixRange(filter.search)),
});

/** What a list's count says: the total, whether it is exact, and the live count a search plans with. */
export interface Counted {
  total: number;
  exact: boolean;
  live: number;
}

export type PageRequest = Omit<ListOptions, "total" | "plan">;

export const isServiceSearch = (filter: ListFilter) =>
  filter.search !== undefined && filter.onlyId === undefined;

/** A deep page jump and a service's search are planned from their count; page 1 and cursors are not. */
export const needsCount = (request: PageRequest) =>
  isServiceSearch(request.filter) || (request.skip > 0 && !request.seek);

/** The page query's options once the count is known: the search plan and the exact total. */
export function planned(request: PageRequest, counted: Counted | undefined): ListOptions {
  if (!counted) return request;
  const plan = isServiceSearch(request.filter)
    ? chooseSearchPlan(counted.total, counted.live, request.seek ? 0 : request.skip, request.limit)
    : undefined;
  return { ...request, plan, total: counted.exact ? counted.total : undefined };
}

/** A page jump past the last exactly counted row is empty without reading it. */
export const beyondEnd = (request: PageRequest, counted: Counted) =>
  !request.seek && counted.exact && request.skip >= counted.total;
