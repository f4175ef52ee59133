/**
 * `match` is a search's own order: the full-text index's rowid, which is the organization's
 * insertion order (desc = newest first), so a page streams from the index without sorting.
 */
export type SortBy = "match" | "name" | "createdAt" | "updatedAt";
export type SortOrder = "asc" | "desc";

/**
 * A search counts its matches up to this many and stops: `total` is exact up to the cap and a
 * lower bound ("at least") beyond it. An explicit sort of a search sorts every match, so it is
 * allowed only while the total is exact (see `refusesSort`); the match order has no limit.
 */
export const SEARCH_COUNT_CAP = 1_000;

/**
 * The words of a search, split as the index splits names and slugs: runs of letters, digits and
 * marks (after NFC, so a decomposed accent stays with its letter); everything else separates.
 */
export const searchWords = (input: string): string[] =>
  input
    .normalize("NFC")
    .split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)
    .filter((word) => /[\p{L}\p{N}\p{Co}]/u.test(word));

/**
 * The FTS5 query that matches when every word is a prefix of a word: each word is a quoted
 * prefix term, so no input can be read as syntax (`"`, `*`, `:`, parentheses, AND/OR/NOT/NEAR
 * are separators or quoted text). Case and accents are folded by the index's tokenizer.
 */
export const matchExpression = (words: readonly string[]) => words.map((word) => `"${word}"*`).join(" ");

export interface ListFilter {
  /** The FTS5 match expression of a search with at least one word (`matchExpression`). */
  search?: string;
  /** Restricts the list to one organization (a user principal sees only their own). */
  onlyId?: string;
}

export interface Seek {
  key: string | number;
  id: string;
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
 * `match` streams a search from the full-text index in its rowid order; `sorted` sorts a search's
 * (at most SEARCH_COUNT_CAP + 1) matches by an explicit sort key.
 */
export interface PageShape {
  kind: "one" | "first" | "jump" | "match" | "sorted";
  sortBy: SortBy;
  order: SortOrder;
  walk: SortOrder;
  search: boolean;
  seek: boolean;
}

export type PageValues = {
  limit: number;
  skip: number;
  match?: string;
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
    match: filter.search,
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
      ? sortBy === "match"
        ? "match"
        : "sorted"
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

export const countValues = (filter: ListFilter) => ({ onlyId: filter.onlyId, match: filter.search });

/** What a list's count says: the total, and whether it is exact (a search's beyond the cap is not). */
export interface Counted {
  total: number;
  exact: boolean;
}

export type PageRequest = Omit<ListOptions, "total">;

export const isServiceSearch = (filter: ListFilter) =>
  filter.search !== undefined && filter.onlyId === undefined;

/** A deep page jump and a service's search are planned from their count; page 1 and cursors are not. */
export const needsCount = (request: PageRequest) =>
  isServiceSearch(request.filter) || (request.skip > 0 && !request.seek);

/** The page query's options once the count is known: the exact total. */
export function planned(request: PageRequest, counted: Counted | undefined): ListOptions {
  if (!counted?.exact) return request;
  return { ...request, total: counted.total };
}

/** A page jump past the last exactly counted row is empty without reading it. */
export const beyondEnd = (request: PageRequest, counted: Counted) =>
  !request.seek && counted.exact && request.skip >= counted.total;

/**
 * A service's search sorted by an explicit key sorts all its matches per page: refused once they
 * pass SEARCH_COUNT_CAP (the match order, which streams, answers any number).
 */
export const refusesSort = (request: PageRequest, counted: Counted) =>
  isServiceSearch(request.filter) && request.sortBy !== "match" && !counted.exact;
