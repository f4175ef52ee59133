import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { LIVE_ORGS } from "../../../core/organizations.repository";
import type { Db } from "../../../db/client";
import { counter, organization } from "../../../db/schema";
import { type CountKind, SEARCH_COUNT_CAP, type SortBy, type SortOrder } from "./list.plan";

/** Each sort key matches one partial index over live rows (see the schema). */
export const SORT_KEY: Record<SortBy, SQL> = {
  name: sql`lower(${organization.name})`,
  createdAt: sql`${organization.createdAt}`,
  updatedAt: sql`${organization.updatedAt}`,
};
export const SORT_INDEX: Record<SortBy, string> = {
  name: "organization_live_name_idx",
  createdAt: "organization_live_created_idx",
  updatedAt: "organization_live_updated_idx",
};

/** Every value is a placeholder: a statement is built once per shape and bound per request. */
const [prefix, prefixEnd] = [sql.placeholder("prefix"), sql.placeholder("prefixEnd")];
const nameRange = sql`lower(${organization.name}) >= ${prefix} and lower(${organization.name}) < ${prefixEnd}`;
const slugRange = sql`${organization.slug} >= ${prefix} and ${organization.slug} < ${prefixEnd}`;
export const eitherRange = sql`((${nameRange}) or (${slugRange}))`;
export const indexed = (name: string) => sql`${organization} indexed by ${sql.identifier(name)}`;

/**
 * The matches of a search as two disjoint index ranges: every live name in the prefix range, plus
 * every live slug in it whose name is not. Both indexes carry the sort keys, so no row is read.
 */
export function matchBranches(select: SQL, extra?: SQL): SQL {
  const more = extra ? sql` and ${extra}` : sql``;
  return sql`select ${select} from ${indexed("organization_live_name_idx")}
      where deleted_at is null and ${nameRange}${more}
    union all
    select ${select} from ${indexed("organization_live_slug_idx")}
      where deleted_at is null and ${slugRange} and not (${nameRange})${more}`;
}

/** Rows after the seek point in (sortKey, id) order; written so SQLite bounds the index range with the key. */
export function seekClause(sortBy: SortBy, order: SortOrder) {
  const key = SORT_KEY[sortBy];
  const [seekKey, seekId] = [sql.placeholder("key"), sql.placeholder("id")];
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
    search ? eitherRange : undefined,
  )})`;

/**
 * Each count as scalar subqueries: alone they make a one-row statement; beside a page they ride
 * along in the page's own statement (SQLite evaluates an uncorrelated subquery once). `n` is the
 * total (NULL while the counter row is not seeded); a search also reads the live count to plan with.
 */
export const COUNT_COLUMNS = {
  live: { n: liveCount },
  one: { n: oneCount(false) },
  oneInSearch: { n: oneCount(true) },
  search: {
    n: sql<number>`(select count(*) from (${matchBranches(sql`1`)} limit ${SEARCH_COUNT_CAP + 1}))`,
    live: liveCount,
  },
} satisfies Record<CountKind, { n: SQL<number | null>; live?: SQL<number | null> }>;

/** Seeds the live counter from the index unless a write already has. */
export const seedLiveCounter = (db: Db) =>
  db.run(sql`insert into ${counter} (name, value)
    select ${LIVE_ORGS}, count(*) from ${organization} where deleted_at is null
    on conflict (name) do nothing`);
