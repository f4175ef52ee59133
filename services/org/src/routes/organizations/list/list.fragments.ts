import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { LIVE_ORGS } from "../../../core/organizations.repository";
import type { Db } from "../../../db/client";
import { counter, organization } from "../../../db/schema";
import { type CountKind, SEARCH_COUNT_CAP, type SortBy, type SortOrder } from "./list.plan";

/**
 * The sort keys of the list. Name, createdAt and updatedAt each match one partial index over live
 * rows (see the schema); `match` is the rowid the full-text index shares with the organization.
 */
export const SORT_KEY: Record<SortBy, SQL> = {
  match: sql`${organization}.rowid`,
  name: sql`lower(${organization.name})`,
  createdAt: sql`${organization.createdAt}`,
  updatedAt: sql`${organization.updatedAt}`,
};

/** The full-text index of live names and slugs (a custom migration, so not in the drizzle schema). */
const SEARCH_INDEX = sql.identifier("organization_search");
/** Every value is a placeholder: a statement is built once per shape and bound per request. */
const match = sql.placeholder("match");

/** The rowids of a search's matches, in the index's rowid order unless `order` says otherwise. */
export const matchRowids = (more?: SQL) =>
  sql`select rowid from ${SEARCH_INDEX} where ${SEARCH_INDEX} match ${match}${more ?? sql``}`;

/** Whether the organization row in scope matches the search: one seek into each term's doclist. */
export const rowMatches = sql`exists (select 1 from ${SEARCH_INDEX}
  where ${SEARCH_INDEX} match ${match} and rowid = ${organization}.rowid)`;

/** Rows after the seek point in (sortKey, id) order; written so SQLite bounds the index range with the key. */
export function seekClause(sortBy: SortBy, order: SortOrder) {
  const key = SORT_KEY[sortBy];
  const [seekKey, seekId] = [sql.placeholder("key"), sql.placeholder("id")];
  // The rowid is unique: it alone is the seek point.
  if (sortBy === "match") return order === "asc" ? sql`rowid > ${seekKey}` : sql`rowid < ${seekKey}`;
  return order === "asc"
    ? sql`(${key} >= ${seekKey} and (${key} > ${seekKey} or ${organization.id} > ${seekId}))`
    : sql`(${key} <= ${seekKey} and (${key} < ${seekKey} or ${organization.id} < ${seekId}))`;
}

export const orderBy = (sortBy: SortBy, order: SortOrder) => {
  const direction = order === "asc" ? asc : desc;
  return [direction(SORT_KEY[sortBy]), direction(organization.id)];
};

const liveCount = sql<
  number | null
>`(select ${counter.value} from ${counter} where ${counter.name} = ${LIVE_ORGS})`;
const oneCount = (search: boolean) =>
  sql<number>`(select count(*) from ${organization} where ${and(
    isNull(organization.deletedAt),
    eq(organization.id, sql.placeholder("onlyId")),
    search ? rowMatches : undefined,
  )})`;

/**
 * Each count as a scalar subquery: alone it makes a one-row statement; beside a page it rides
 * along in the page's own statement (SQLite evaluates an uncorrelated subquery once). `n` is the
 * total (NULL while the counter row is not seeded); a search stops counting past the cap.
 */
export const COUNT_COLUMNS = {
  live: { n: liveCount },
  one: { n: oneCount(false) },
  oneInSearch: { n: oneCount(true) },
  search: { n: sql<number>`(select count(*) from (${matchRowids(sql` limit ${SEARCH_COUNT_CAP + 1}`)}))` },
} satisfies Record<CountKind, { n: SQL<number | null> }>;

/** Seeds the live counter from the index unless a write already has. */
export const seedLiveCounter = (db: Db) =>
  db.run(sql`insert into ${counter} (name, value)
    select ${LIVE_ORGS}, count(*) from ${organization} where deleted_at is null
    on conflict (name) do nothing`);
