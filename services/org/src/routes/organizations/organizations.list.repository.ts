import { perObject } from "@svc/platform";
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  type Placeholder,
  type SQL,
  sql,
} from "drizzle-orm";
import { batchPrepared, type Db } from "../../db/client";
import { counter, type OrganizationRow, organization } from "../../db/schema";
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

const nameRange = (prefix: string) =>
  sql`lower(${organization.name}) >= ${prefix} and lower(${organization.name}) < ${`${prefix}\u{10FFFF}`}`;
const slugRange = (prefix: string) =>
  sql`${organization.slug} >= ${prefix} and ${organization.slug} < ${`${prefix}\u{10FFFF}`}`;
const eitherRange = (prefix: string) => sql`((${nameRange(prefix)}) or (${slugRange(prefix)}))`;
const indexed = (name: string) => sql`${organization} indexed by ${sql.identifier(name)}`;

/**
 * The matches of a search as two disjoint index ranges: every live name in the prefix range, plus
 * every live slug in it whose name is not. Both indexes carry the sort keys, so no row is read.
 */
function matchBranches(prefix: string, select: SQL, extra?: SQL): SQL {
  const more = extra ? sql` and ${extra}` : sql``;
  return sql`select ${select} from ${indexed("organization_live_name_idx")}
      where deleted_at is null and ${nameRange(prefix)}${more}
    union all
    select ${select} from ${indexed("organization_live_slug_idx")}
      where deleted_at is null and ${slugRange(prefix)} and not (${nameRange(prefix)})${more}`;
}

export interface Seek {
  key: string | number;
  id: string;
}

/** A seek whose values are bound later (a prepared statement's placeholders). */
type SeekParams = { key: Placeholder; id: Placeholder };

/** Rows after `seek` in (sortKey, id) order; written so SQLite bounds the index range with the key. */
function seekClause(sortBy: SortBy, order: SortOrder, seek: Seek | SeekParams): SQL {
  const key = SORT_KEY[sortBy];
  return order === "asc"
    ? sql`(${key} >= ${seek.key} and (${key} > ${seek.key} or ${organization.id} > ${seek.id}))`
    : sql`(${key} <= ${seek.key} and (${key} < ${seek.key} or ${organization.id} < ${seek.id}))`;
}

export type ListedRow = OrganizationRow & { sortKey: string | number };

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
const readsFromFarEnd = (options: ListOptions) =>
  options.total !== undefined && !options.seek && options.skip > 0 && options.skip * 2 > options.total;

const orderBy = (sortBy: SortBy, order: SortOrder) => {
  const direction = order === "asc" ? asc : desc;
  return [direction(SORT_KEY[sortBy]), direction(organization.id)];
};

const listedColumns = (sortBy: SortBy) => ({
  ...getTableColumns(organization),
  sortKey: sql<string | number>`${SORT_KEY[sortBy]}`.as("sort_key"),
});

/** Page 1 or a cursor page of the unfiltered list: one range of the sort index. */
function firstOrNextPage(
  db: Db,
  sortBy: SortBy,
  order: SortOrder,
  seek: Seek | SeekParams | undefined,
  limit: number | Placeholder,
) {
  return db
    .select(listedColumns(sortBy))
    .from(organization)
    .where(and(isNull(organization.deletedAt), seek ? seekClause(sortBy, order, seek) : undefined))
    .orderBy(...orderBy(sortBy, order))
    .limit(limit);
}

/** The page query, unexecuted, so its plan can be checked (tests assert it stays index-bound). */
export function listQuery(db: Db, options: ListOptions) {
  const { sortBy, filter } = options;
  const key = SORT_KEY[sortBy];
  const columns = listedColumns(sortBy);
  const seek = options.seek ? seekClause(sortBy, options.order, options.seek) : undefined;

  if (filter.onlyId !== undefined) {
    // At most one row, by primary key.
    return db
      .select(columns)
      .from(organization)
      .where(
        and(
          isNull(organization.deletedAt),
          eq(organization.id, filter.onlyId),
          filter.search === undefined ? undefined : eitherRange(filter.search),
          seek,
        ),
      )
      .orderBy(...orderBy(sortBy, options.order))
      .limit(options.limit);
  }

  let order = options.order;
  // A cursor page seeks past the previous page's last row: nothing to skip.
  let skip = options.seek ? 0 : options.skip;
  let limit = options.limit;
  if (readsFromFarEnd(options) && options.total !== undefined) {
    order = flip(order);
    skip = options.total - skip - limit;
    if (skip < 0) {
      limit = Math.max(0, limit + skip);
      skip = 0;
    }
  }

  if (filter.search === undefined) {
    if (order === options.order && skip === 0) return firstOrNextPage(db, sortBy, order, options.seek, limit);
    // A page jump without a cursor: the offset walks only the narrow (sortKey, id) index, and
    // whole rows are read for the one page that is returned.
    const ids = db
      .select({ id: organization.id })
      .from(organization)
      .where(isNull(organization.deletedAt))
      .orderBy(...orderBy(sortBy, order))
      .limit(limit)
      .offset(skip);
    return db
      .select(columns)
      .from(organization)
      .where(inArray(organization.id, ids))
      .orderBy(...orderBy(sortBy, options.order));
  }

  const dir = sql.raw(order);
  const prefix = filter.search;
  const ids =
    options.plan === "walk"
      ? sql`select id from ${indexed(SORT_INDEX[sortBy])}
          where deleted_at is null and ${eitherRange(prefix)}${seek ? sql` and ${seek}` : sql``}
          order by ${key} ${dir}, id ${dir} limit ${limit} offset ${skip}`
      : sql`select id from (${matchBranches(prefix, sql`id, ${key} as k`, seek)})
          order by k ${dir}, id ${dir} limit ${limit} offset ${skip}`;
  return db
    .select(columns)
    .from(organization)
    .where(sql`${organization.id} in (${ids})`)
    .orderBy(...orderBy(sortBy, options.order));
}

/** Matches of a search, counted up to one past the cap, and the live total (to choose a plan). */
export function searchCountQuery(db: Db, prefix: string) {
  return db
    .select({
      matches: sql<number>`(select count(*) from (${matchBranches(prefix, sql`1`)} limit ${SEARCH_COUNT_CAP + 1}))`,
      live: sql<
        number | null
      >`(select ${counter.value} from ${counter} where ${counter.name} = ${LIVE_ORGS})`,
    })
    .from(sql`(select 1)`);
}

/** The statement that reads `total` outside a service's search: an index count for one org, else the live counter row. */
function countQuery(db: Db, filter: ListFilter) {
  if (filter.onlyId !== undefined) {
    return db
      .select({ n: sql<number>`count(*)` })
      .from(organization)
      .where(
        and(
          isNull(organization.deletedAt),
          eq(organization.id, filter.onlyId),
          filter.search === undefined ? undefined : eitherRange(filter.search),
        ),
      );
  }
  return db.select({ n: counter.value }).from(counter).where(eq(counter.name, LIVE_ORGS));
}

/** First list on this database: seed the counter once from the index; writes keep it current. */
async function seedCounter(db: Db): Promise<number> {
  await db.run(sql`insert into ${counter} (name, value)
    select ${LIVE_ORGS}, count(*) from ${organization} where deleted_at is null
    on conflict (name) do nothing`);
  const [seeded] = await countQuery(db, {});
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

/** Runs the count statement alone and reads it (seeding the counter on a fresh database). */
async function count(db: Db, filter: ListFilter): Promise<Counted> {
  if (isServiceSearch(filter)) return searchCounted(await searchCountQuery(db, filter.search as string));
  return listCounted(db, await countQuery(db, filter));
}

function searchCounted([row]: { matches: number; live: number | null }[]): Counted {
  const matches = row?.matches ?? 0;
  return { total: matches, exact: matches <= SEARCH_COUNT_CAP, live: row?.live ?? matches };
}

async function listCounted(db: Db, [row]: { n: number }[]): Promise<Counted> {
  const total = row ? row.n : await seedCounter(db);
  return { total, exact: true, live: total };
}

/**
 * Page 1 and cursor pages of the unfiltered list — the lists a dashboard asks for most — prepared
 * once per shape and D1 binding: building the query costs more CPU than binding it.
 */
const preparedPages = perObject((db: Db) => {
  const pages = new Map<string, ReturnType<typeof preparePage>>();
  const preparePage = (sortBy: SortBy, order: SortOrder, seek: boolean) =>
    firstOrNextPage(
      db,
      sortBy,
      order,
      seek ? { key: sql.placeholder("key"), id: sql.placeholder("id") } : undefined,
      sql.placeholder("limit"),
    ).prepare();
  return (sortBy: SortBy, order: SortOrder, seek: boolean) => {
    const shape = `${sortBy} ${order} ${seek}`;
    let page = pages.get(shape);
    if (!page) {
      page = preparePage(sortBy, order, seek);
      pages.set(shape, page);
    }
    return page;
  };
});
const preparedLiveCount = perObject((db: Db) => countQuery(db, {}).prepare());

/** The page query and the count statement in one D1 batch (one round trip, one snapshot). */
async function pageWithCount(db: Db, options: ListOptions): Promise<[ListedRow[], Counted]> {
  const { filter, seek } = options;
  if (filter.search === undefined && filter.onlyId === undefined && (seek || options.skip === 0)) {
    const page = preparedPages(db)(options.sortBy, options.order, seek !== undefined);
    const values = { limit: options.limit, key: seek?.key, id: seek?.id };
    const [rows, counts] = await batchPrepared(db, [page, values], [preparedLiveCount(db), {}]);
    return [rows, await listCounted(db, counts)];
  }
  const page = listQuery(db, options);
  if (isServiceSearch(options.filter)) {
    const [rows, counts] = await db.batch([page, searchCountQuery(db, options.filter.search as string)]);
    return [rows as ListedRow[], searchCounted(counts)];
  }
  const [rows, counts] = await db.batch([page, countQuery(db, options.filter)]);
  return [rows as ListedRow[], await listCounted(db, counts)];
}

/**
 * The count each list (the unfiltered one, or a service's search per prefix) had when this isolate
 * last read it. A deep page or a search needs its count to plan the page query; with a recent count
 * the page and a fresh count go in one batch, and the page is read again only if it was planned
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
    const rows = beyondEnd(request, counted) ? [] : await listQuery(db, planned(request, counted));
    return { rows, ...counted };
  }
  const options = planned(request, needsCount ? recent : undefined);
  const [rows, counted] = await pageWithCount(db, options);
  remember(key, counted);
  const current = planned(request, counted);
  if (readsFromFarEnd(options) && current.total !== options.total) {
    return { rows: beyondEnd(request, counted) ? [] : await listQuery(db, current), ...counted };
  }
  return { rows, ...counted };
}
