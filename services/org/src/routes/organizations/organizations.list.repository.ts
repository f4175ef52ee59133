import { perObject } from "@svc/platform";
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { boundSql, type Db } from "../../db/client";
import { counter, organization } from "../../db/schema";
import { organizationDocument } from "./organizations.dto";
import { LIVE_ORGS } from "./organizations.repository";

export type SortBy = "name" | "createdAt" | "updatedAt";
export type SortOrder = "asc" | "desc";

/** Each sort key matches one partial index over live rows (see the schema). */
const SORT_KEY: Record<SortBy, SQL> = {
  name: sql`lower(${organization.name})`,
  createdAt: sql`${organization.createdAt}`,
  updatedAt: sql`${organization.updatedAt}`,
};
const SORT_INDEX: Record<SortBy, string> = {
  name: "organization_live_name_idx",
  createdAt: "organization_live_created_idx",
  updatedAt: "organization_live_updated_idx",
};

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

/*
 * Every statement below is built once per shape with placeholders and bound per request (see
 * `prepared`); a search binds its prefix as the index range [prefix, prefixEnd).
 */
const prefixRange = (search: string) => ({ prefix: search, prefixEnd: `${search}\u{10FFFF}` });
const [prefix, prefixEnd] = [sql.placeholder("prefix"), sql.placeholder("prefixEnd")];
const nameRange = sql`lower(${organization.name}) >= ${prefix} and lower(${organization.name}) < ${prefixEnd}`;
const slugRange = sql`${organization.slug} >= ${prefix} and ${organization.slug} < ${prefixEnd}`;
const eitherRange = sql`((${nameRange}) or (${slugRange}))`;
const indexed = (name: string) => sql`${organization} indexed by ${sql.identifier(name)}`;

/**
 * The matches of a search as two disjoint index ranges: every live name in the prefix range, plus
 * every live slug in it whose name is not. Both indexes carry the sort keys, so no row is read.
 */
function matchBranches(select: SQL, extra?: SQL): SQL {
  const more = extra ? sql` and ${extra}` : sql``;
  return sql`select ${select} from ${indexed("organization_live_name_idx")}
      where deleted_at is null and ${nameRange}${more}
    union all
    select ${select} from ${indexed("organization_live_slug_idx")}
      where deleted_at is null and ${slugRange} and not (${nameRange})${more}`;
}

export interface Seek {
  key: string | number;
  id: string;
}

/** Rows after the seek point in (sortKey, id) order; written so SQLite bounds the index range with the key. */
function seekClause(sortBy: SortBy, order: SortOrder) {
  const key = SORT_KEY[sortBy];
  const [seekKey, seekId] = [sql.placeholder("key"), sql.placeholder("id")];
  return order === "asc"
    ? sql`(${key} >= ${seekKey} and (${key} > ${seekKey} or ${organization.id} > ${seekId}))`
    : sql`(${key} <= ${seekKey} and (${key} < ${seekKey} or ${organization.id} < ${seekId}))`;
}

/** A page row: the organization as the API's JSON text, and the key the next page seeks from. */
export interface ListedRow {
  id: string;
  sortKey: string | number;
  document: string;
}

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
const readsFromFarEnd = (options: ListOptions): options is ListOptions & { total: number } =>
  options.total !== undefined && !options.seek && options.skip > 0 && options.skip * 2 > options.total;

const orderBy = (sortBy: SortBy, order: SortOrder) => {
  const direction = order === "asc" ? asc : desc;
  return [direction(SORT_KEY[sortBy]), direction(organization.id)];
};

/**
 * What fixes a page statement's SQL text; every other input is a bound value. `walk` is the order
 * the index is read in (the reverse of `order` from the far end); rows come back in `order`.
 */
interface PageShape {
  kind: "one" | "first" | "jump" | SearchPlan;
  sortBy: SortBy;
  order: SortOrder;
  walk: SortOrder;
  search: boolean;
  seek: boolean;
}

type PageValues = {
  limit: number;
  skip: number;
  prefix?: string;
  prefixEnd?: string;
  key?: string | number;
  id?: string;
  onlyId?: string;
};

/** Splits a page request into its statement's shape and the values that statement binds. */
function describePage(options: ListOptions): { shape: PageShape; values: PageValues } {
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
type CountKind = "live" | "one" | "oneInSearch" | "search";

const countKind = (onlyId: boolean, search: boolean): CountKind =>
  onlyId ? (search ? "oneInSearch" : "one") : search ? "search" : "live";
const countKindOf = (filter: ListFilter) =>
  countKind(filter.onlyId !== undefined, filter.search !== undefined);

const liveCount = sql<
  number | null
>`(select ${counter.value} from ${counter} where ${counter.name} = ${LIVE_ORGS})`;
const oneCount = (search: boolean) =>
  sql<number>`(select count(*) from ${organization} where ${and(
    isNull(organization.deletedAt),
    eq(organization.id, sql.placeholder("onlyId")),
    search ? eitherRange : undefined,
  )})`;

/**
 * Each count as scalar subqueries: alone they make a one-row statement; beside a page they ride
 * along in the page's own statement (SQLite evaluates an uncorrelated subquery once). `n` is the
 * total (NULL while the counter row is not seeded); a search also reads the live count to plan with.
 */
const COUNT_COLUMNS = {
  live: { n: liveCount },
  one: { n: oneCount(false) },
  oneInSearch: { n: oneCount(true) },
  search: {
    n: sql<number>`(select count(*) from (${matchBranches(sql`1`)} limit ${SEARCH_COUNT_CAP + 1}))`,
    live: liveCount,
  },
} satisfies Record<CountKind, { n: SQL<number | null>; live?: SQL<number | null> }>;

/** The page statement of `shape`, with placeholders for its values, and its count when `counted`. */
function pageStatement(db: Db, shape: PageShape, counted: boolean) {
  const { sortBy, walk } = shape;
  const key = SORT_KEY[sortBy];
  const [limit, skip] = [sql.placeholder("limit"), sql.placeholder("skip")];
  const seek = shape.seek ? seekClause(sortBy, shape.order) : undefined;
  const live = isNull(organization.deletedAt);
  const dir = sql.raw(walk);
  const where = {
    one: () =>
      and(live, eq(organization.id, sql.placeholder("onlyId")), shape.search ? eitherRange : undefined, seek),
    first: () => and(live, seek),
    // A page jump without a cursor: the offset walks only the narrow (sortKey, id) index, and
    // whole rows are read for the one page that is returned.
    jump: () =>
      inArray(
        organization.id,
        db
          .select({ id: organization.id })
          .from(organization)
          .where(live)
          .orderBy(...orderBy(sortBy, walk))
          .limit(limit)
          .offset(skip),
      ),
    walk: () =>
      sql`${organization.id} in (select id from ${indexed(SORT_INDEX[sortBy])}
        where deleted_at is null and ${eitherRange}${seek ? sql` and ${seek}` : sql``}
        order by ${key} ${dir}, id ${dir} limit ${limit} offset ${skip})`,
    collect: () =>
      sql`${organization.id} in (select id from (${matchBranches(sql`id, ${key} as k`, seek)})
        order by k ${dir}, id ${dir} limit ${limit} offset ${skip})`,
  }[shape.kind]();
  const count = counted ? COUNT_COLUMNS[countKind(shape.kind === "one", shape.search)] : {};
  const query = db
    .select({
      id: organization.id,
      sortKey: sql<string | number>`${key}`.as("sort_key"),
      document: organizationDocument.sql.as("document"),
      ...count,
    })
    .from(organization)
    .where(where)
    .orderBy(...orderBy(sortBy, shape.order))
    .$dynamic();
  // The other kinds bound the page inside their subquery.
  return shape.kind === "one" || shape.kind === "first" ? query.limit(limit) : query;
}

/**
 * Every page and count statement is prepared once per shape and D1 binding and bound per request:
 * building a query costs drizzle more CPU than D1 spends binding it.
 */
const prepared = perObject((db: Db) => {
  const preparePage = (shape: PageShape, counted: boolean) => pageStatement(db, shape, counted).prepare();
  const pages = new Map<string, ReturnType<typeof preparePage>>();
  const prepareCount = <K extends CountKind>(kind: K) =>
    db.select(COUNT_COLUMNS[kind]).from(sql`(select 1)`).prepare();
  const counts = {
    live: prepareCount("live"),
    one: prepareCount("one"),
    oneInSearch: prepareCount("oneInSearch"),
    search: prepareCount("search"),
  };
  return {
    counts,
    page(shape: PageShape, counted: boolean) {
      const name = `${shape.kind} ${shape.sortBy} ${shape.order} ${shape.walk} ${shape.search} ${shape.seek} ${counted}`;
      let page = pages.get(name);
      if (!page) {
        page = preparePage(shape, counted);
        pages.set(name, page);
      }
      return page;
    },
  };
});

/** Reads one page through its prepared statement (what every list request runs). */
export async function readRows(db: Db, options: ListOptions): Promise<ListedRow[]> {
  const { shape, values } = describePage(options);
  return prepared(db).page(shape, false).all(values);
}

/** The SQL and parameters of a page's statement, so tests can check its plan and what it reads. */
export function pageSql(db: Db, options: ListOptions) {
  const { shape, values } = describePage(options);
  return boundSql(prepared(db).page(shape, false), values);
}

/** The same for a service's search count. */
export const searchCountSql = (db: Db, search: string) =>
  boundSql(prepared(db).counts.search, prefixRange(search));

/** First list on this database: seed the counter once from the index; writes keep it current. */
async function seedCounter(db: Db): Promise<number> {
  await db.run(sql`insert into ${counter} (name, value)
    select ${LIVE_ORGS}, count(*) from ${organization} where deleted_at is null
    on conflict (name) do nothing`);
  const [seeded] = await prepared(db).counts.live.all();
  return seeded?.n ?? 0;
}

/** What a list's count says: the total, whether it is exact, and the live count a search plans with. */
export interface Counted {
  total: number;
  exact: boolean;
  live: number;
}

export type PageRequest = Omit<ListOptions, "total" | "plan">;

const isServiceSearch = (filter: ListFilter) => filter.search !== undefined && filter.onlyId === undefined;

/** The page query's options once the count is known: the search plan and the exact total. */
function planned(request: PageRequest, counted: Counted | undefined): ListOptions {
  if (!counted) return request;
  const plan = isServiceSearch(request.filter)
    ? chooseSearchPlan(counted.total, counted.live, request.seek ? 0 : request.skip, request.limit)
    : undefined;
  return { ...request, plan, total: counted.exact ? counted.total : undefined };
}

/** Reads what a count statement (or a counted page's first row) says; seeds the counter on a fresh database. */
async function toCounted(
  db: Db,
  filter: ListFilter,
  n: number | null,
  live?: number | null,
): Promise<Counted> {
  if (isServiceSearch(filter)) {
    const matches = n ?? 0;
    return { total: matches, exact: matches <= SEARCH_COUNT_CAP, live: live ?? matches };
  }
  const total = n ?? (await seedCounter(db));
  return { total, exact: true, live: total };
}

/** Runs the count statement alone. */
async function count(db: Db, filter: ListFilter): Promise<Counted> {
  const [row] = (await prepared(db).counts[countKindOf(filter)].all(countValues(filter))) as {
    n: number | null;
    live?: number | null;
  }[];
  return toCounted(db, filter, row?.n ?? null, row?.live);
}

const countValues = (filter: ListFilter) => ({
  onlyId: filter.onlyId,
  ...(filter.search === undefined ? {} : prefixRange(filter.search)),
});

/**
 * The page with its count in the same statement (one D1 call, one snapshot). Rows come back as
 * arrays, in the select's column order; an empty page carries no count, so it is counted alone.
 */
async function pageWithCount(db: Db, options: ListOptions): Promise<[ListedRow[], Counted]> {
  const { shape, values } = describePage(options);
  const raw = (await prepared(db).page(shape, true).values(values)) as [
    string,
    string | number,
    string,
    number | null,
    (number | null)?,
  ][];
  const first = raw[0];
  if (!first) return [[], await count(db, options.filter)];
  const rows = raw.map(([id, sortKey, document]) => ({ id, sortKey, document }));
  return [rows, await toCounted(db, options.filter, first[3], first[4])];
}

/**
 * The count each list (the unfiltered one, or a service's search per prefix) had when this isolate
 * last read it. A deep page or a search needs its count to plan the page query; with a recent count
 * the page and a fresh count are one statement, and the page is read again only if it was planned
 * from a count that has since changed in a way that moves it.
 */
const recentCounts = new Map<string, Counted>();
const MAX_RECENT_COUNTS = 1_000;

function remember(key: string | undefined, counted: Counted) {
  if (key === undefined) return;
  if (recentCounts.size >= MAX_RECENT_COUNTS) recentCounts.clear();
  recentCounts.set(key, counted);
}

const beyondEnd = (request: PageRequest, counted: Counted) =>
  !request.seek && counted.exact && request.skip >= counted.total;

/** One page and its total, usually in one D1 round trip (see `recentCounts`). */
export async function readPage(db: Db, request: PageRequest): Promise<{ rows: ListedRow[] } & Counted> {
  const { filter } = request;
  const key = filter.onlyId === undefined ? (filter.search ?? "") : undefined;
  const needsCount = isServiceSearch(filter) || (request.skip > 0 && !request.seek);
  const recent = key === undefined ? undefined : recentCounts.get(key);
  if (needsCount && (!recent || beyondEnd(request, recent))) {
    const counted = await count(db, filter);
    remember(key, counted);
    const rows = beyondEnd(request, counted) ? [] : await readRows(db, planned(request, counted));
    return { rows, ...counted };
  }
  const options = planned(request, needsCount ? recent : undefined);
  const [rows, counted] = await pageWithCount(db, options);
  remember(key, counted);
  const current = planned(request, counted);
  if (readsFromFarEnd(options) && current.total !== options.total) {
    return { rows: beyondEnd(request, counted) ? [] : await readRows(db, current), ...counted };
  }
  return { rows, ...counted };
}
