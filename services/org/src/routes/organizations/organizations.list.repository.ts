import { and, asc, desc, eq, getTableColumns, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
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

export interface ListFilter {
  /** Lower-cased prefix of the name or the slug. */
  search?: string;
  /** Restricts the list to one organization (a user principal sees only their own). */
  onlyId?: string;
}

/** Prefix match as an index range on each column, so a search never scans the table. */
function prefixMatch(prefix: string): SQL {
  const end = `${prefix}\u{10FFFF}`;
  return sql`${organization.id} in (
    select id from ${organization} where deleted_at is null and lower(name) >= ${prefix} and lower(name) < ${end}
    union
    select id from ${organization} where slug >= ${prefix} and slug < ${end} and deleted_at is null)`;
}

function filterClause(filter: ListFilter): SQL {
  return and(
    isNull(organization.deletedAt),
    filter.onlyId === undefined ? undefined : eq(organization.id, filter.onlyId),
    filter.search === undefined ? undefined : prefixMatch(filter.search),
  ) as SQL;
}

export interface Seek {
  key: string | number;
  id: string;
}

/** Rows after `seek` in (sortKey, id) order; written so SQLite bounds the index range with the key. */
function seekClause(sortBy: SortBy, order: SortOrder, seek: Seek): SQL {
  const key = SORT_KEY[sortBy];
  return order === "asc"
    ? sql`(${key} >= ${seek.key} and (${key} > ${seek.key} or ${organization.id} > ${seek.id}))`
    : sql`(${key} <= ${seek.key} and (${key} < ${seek.key} or ${organization.id} < ${seek.id}))`;
}

export type ListedRow = OrganizationRow & { sortKey: string | number };

export interface ListOptions {
  filter: ListFilter;
  sortBy: SortBy;
  order: SortOrder;
  limit: number;
  seek?: Seek;
  skip: number;
}

/** The page query, unexecuted, so its plan can be checked (tests assert it stays index-bound). */
export function listQuery(db: Db, options: ListOptions) {
  const key = SORT_KEY[options.sortBy];
  const direction = options.order === "asc" ? asc : desc;
  const order = [direction(key), direction(organization.id)];
  const where = filterClause(options.filter);
  const columns = { ...getTableColumns(organization), sortKey: sql<string | number>`${key}`.as("sort_key") };
  if (options.seek || options.skip === 0) {
    return db
      .select(columns)
      .from(organization)
      .where(and(where, options.seek ? seekClause(options.sortBy, options.order, options.seek) : undefined))
      .orderBy(...order)
      .limit(options.limit);
  }
  // A jump to page N without a cursor: the offset walks only the narrow (sortKey, id) index,
  // and whole rows are read for the one page that is returned.
  const ids = db
    .select({ id: organization.id })
    .from(organization)
    .where(where)
    .orderBy(...order)
    .limit(options.limit)
    .offset(options.skip);
  return db
    .select(columns)
    .from(organization)
    .where(inArray(organization.id, ids))
    .orderBy(...order);
}

export const listOrganizations = (db: Db, options: ListOptions): Promise<ListedRow[]> =>
  listQuery(db, options);

/** The number of matching live orgs: the counter row when unfiltered, an index count otherwise. */
export async function countOrganizations(db: Db, filter: ListFilter): Promise<number> {
  if (filter.search !== undefined || filter.onlyId !== undefined) {
    const [row] = await db
      .select({ n: sql<number>`count(*)` })
      .from(organization)
      .where(filterClause(filter));
    return row?.n ?? 0;
  }
  const stored = await db.query.counter.findFirst({ where: eq(counter.name, LIVE_ORGS) });
  if (stored) return stored.value;
  // First list on this database: seed the counter once from the index; writes keep it current.
  await db.run(sql`insert into ${counter} (name, value)
    select ${LIVE_ORGS}, count(*) from ${organization} where deleted_at is null
    on conflict (name) do nothing`);
  const seeded = await db.query.counter.findFirst({ where: eq(counter.name, LIVE_ORGS) });
  return seeded?.value ?? 0;
}
