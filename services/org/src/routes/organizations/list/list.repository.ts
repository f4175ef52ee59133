import { boundSql, type Db } from "../../../db/client";
import { seedLiveCounter } from "./list.fragments";
import {
  beyondEnd,
  type Counted,
  countKindOf,
  countValues,
  describePage,
  isServiceSearch,
  type ListFilter,
  type ListOptions,
  needsCount,
  type PageRequest,
  planned,
  readsFromFarEnd,
  refusesSort,
  SEARCH_COUNT_CAP,
} from "./list.plan";
import { statements } from "./list.statements";

/** A page row: the organization as the API's JSON text, and the key the next page seeks from. */
export interface ListedRow {
  id: string;
  sortKey: string | number;
  document: string;
}

/** Reads one page through its prepared statement (what every list request runs). */
export async function readRows(db: Db, options: ListOptions): Promise<ListedRow[]> {
  const { shape, values } = describePage(options);
  return statements(db).page(shape, false).all(values);
}

/** The SQL and parameters of a page's statement, so tests can check its plan and what it reads. */
export function pageSql(db: Db, options: ListOptions) {
  const { shape, values } = describePage(options);
  return boundSql(statements(db).page(shape, false), values);
}

/** The same for a service's search count (`match` is an FTS5 match expression). */
export const searchCountSql = (db: Db, match: string) => boundSql(statements(db).count("search"), { match });

/** First list on this database: seed the counter once from the index; writes keep it current. */
async function seedCounter(db: Db): Promise<number> {
  await seedLiveCounter(db);
  const [seeded] = await statements(db).count("live").all();
  return seeded?.n ?? 0;
}

/** Reads what a count statement (or a counted page's first row) says; seeds the counter on a fresh database. */
async function toCounted(db: Db, filter: ListFilter, n: number | null): Promise<Counted> {
  if (isServiceSearch(filter)) {
    const matches = n ?? 0;
    return { total: matches, exact: matches <= SEARCH_COUNT_CAP };
  }
  return { total: n ?? (await seedCounter(db)), exact: true };
}

/** Runs the count statement alone. */
async function count(db: Db, filter: ListFilter): Promise<Counted> {
  const [row] = await statements(db).count(countKindOf(filter)).all(countValues(filter));
  return toCounted(db, filter, row?.n ?? null);
}

/**
 * The page with its count in the same statement (one D1 call, one snapshot). Every row carries
 * the count; an empty page carries none, so it is counted alone.
 */
async function pageWithCount(db: Db, options: ListOptions): Promise<[ListedRow[], Counted]> {
  const { shape, values } = describePage(options);
  const counted = await statements(db).page(shape, true).all(values);
  const first = counted[0];
  if (!first) return [[], await count(db, options.filter)];
  const rows = counted.map(({ id, sortKey, document }) => ({ id, sortKey, document }));
  return [rows, await toCounted(db, options.filter, first.n ?? null)];
}

/**
 * The count each list (the unfiltered one, or a service's search per prefix) had when this isolate
 * last read it. A deep page or a search needs its count to plan the page query; with a recent count
 * the page and a fresh count are one statement, and the page is read again only if it was planned
 * from a count that has since changed in a way that moves it.
 */
const recentCounts = new Map<string, Counted>();
/** The bench's A/B of this memo (bench/build.mjs); false in every other build, so the minifier drops it. */
declare const __BENCH_NO_RECENT_COUNTS__: boolean;
const MAX_RECENT_COUNTS = 1_000;

function remember(key: string | undefined, counted: Counted) {
  if (key === undefined) return;
  if (recentCounts.size >= MAX_RECENT_COUNTS) recentCounts.clear();
  recentCounts.set(key, counted);
}

/**
 * One page and its total, usually in one D1 round trip (see `recentCounts`). A search sorted by
 * an explicit key past the cap (`refusesSort`) comes back without rows, for the handler to refuse.
 */
export async function readPage(db: Db, request: PageRequest): Promise<{ rows: ListedRow[] } & Counted> {
  const { filter } = request;
  const key = filter.onlyId === undefined ? (filter.search ?? "") : undefined;
  const counts = needsCount(request);
  const recent = key === undefined || __BENCH_NO_RECENT_COUNTS__ ? undefined : recentCounts.get(key);
  if (counts && (!recent || beyondEnd(request, recent))) {
    const counted = await count(db, filter);
    remember(key, counted);
    const empty = beyondEnd(request, counted) || refusesSort(request, counted);
    const rows = empty ? [] : await readRows(db, planned(request, counted));
    return { rows, ...counted };
  }
  const options = planned(request, counts ? recent : undefined);
  const [rows, counted] = await pageWithCount(db, options);
  remember(key, counted);
  const current = planned(request, counted);
  if (refusesSort(request, counted)) return { rows: [], ...counted };
  if (readsFromFarEnd(options) && current.total !== options.total) {
    return { rows: beyondEnd(request, counted) ? [] : await readRows(db, current), ...counted };
  }
  return { rows, ...counted };
}
