import { perObject } from "@svc/platform";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { organizationDocument } from "../../../core/organizations.dto";
import type { Db } from "../../../db/client";
import { organization } from "../../../db/schema";
import { COUNT_COLUMNS, matchRowids, orderBy, rowMatches, SORT_KEY, seekClause } from "./list.fragments";
import { type CountKind, countKind, type PageShape, SEARCH_COUNT_CAP } from "./list.plan";

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
      and(live, eq(organization.id, sql.placeholder("onlyId")), shape.search ? rowMatches : undefined, seek),
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
    // The index hands its matches over in rowid order: the page is its first `limit` after `skip`.
    match: () =>
      sql`${organization}.rowid in (${matchRowids(sql`${seek ? sql` and ${seek}` : sql``}
        order by rowid ${dir} limit ${limit} offset ${skip}`)})`,
    // An explicit sort reads every match's row (at most one past the cap, beyond which the
    // request is refused) and sorts them; whole rows are built for the page only.
    sorted: () =>
      sql`${organization.id} in (select id from ${organization}
        where rowid in (${matchRowids(sql` limit ${SEARCH_COUNT_CAP + 1}`)})${seek ? sql` and ${seek}` : sql``}
        order by ${key} ${dir}, id ${dir} limit ${limit} offset ${skip})`,
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

/** A page row, with the count columns when the page statement carries its count. */
export interface PageRow {
  id: string;
  sortKey: string | number;
  document: string;
  n?: number | null;
}

export interface CountRow {
  n: number | null;
}

interface Statement<Row> {
  all(values?: Record<string, unknown>): Promise<Row[]>;
  getQuery(): { sql: string; params: unknown[] };
}

/**
 * Every page and count statement is prepared once per shape and D1 binding and bound per request:
 * building a query costs drizzle more CPU than D1 spends binding it.
 */
function statementCache(db: Db) {
  const cache = new Map<string, Statement<unknown>>();
  const once = <Row>(name: string, build: () => Statement<Row>): Statement<Row> => {
    let statement = cache.get(name) as Statement<Row> | undefined;
    if (!statement) {
      statement = build();
      cache.set(name, statement);
    }
    return statement;
  };
  return {
    page: (shape: PageShape, counted: boolean) =>
      once<PageRow>(
        `${shape.kind} ${shape.sortBy} ${shape.order} ${shape.walk} ${shape.search} ${shape.seek} ${counted}`,
        () => pageStatement(db, shape, counted).prepare() as Statement<PageRow>,
      ),
    count: (kind: CountKind) =>
      once<CountRow>(kind, () => db.select(COUNT_COLUMNS[kind]).from(sql`(select 1)`).prepare()),
  };
}

/** The bench's A/B of this cache (bench/build.mjs); false in every other build, so the minifier drops it. */
declare const __BENCH_NO_PREPARED__: boolean;

export const statements = __BENCH_NO_PREPARED__ ? statementCache : perObject(statementCache);
