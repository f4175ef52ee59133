// Applies the real migrations and seeds 100k organizations and 100k users in one INSERT … SELECT
// over a recursive CTE per table.
import { readdir, readFile } from "node:fs/promises";

export const ORGS = 100_000;
export const USERS = 100_000;
/** Users 1..MEMBERS belong to org 1 (the members case); every other user n owns org n. */
export const MEMBERS = 200;
/**
 * One org in SEARCH_EVERY is named "Northwind n", so `narrow` matches 1% of them; the rest are
 * "Company n" (`broad`: 99%); `twoWords` matches the Northwinds whose number starts with 5 (111).
 */
export const SEARCH_TERM = { narrow: "northwind", broad: "company", twoWords: "northwind 5" };
const SEARCH_EVERY = 100;
/** Fixed epoch-ms base, one second apart per row, so created/updated orders are total. */
const BASE_MS = 1_767_225_600_000;

const ID_PREFIX = "00000000-0000-7000-8000-";
const ID_FORMAT = `${ID_PREFIX}%012d`;
export const seededId = (n) => `${ID_PREFIX}${String(n).padStart(12, "0")}`;
export const authUserId = (n) => `bench-user-${n}`;

const permissions = (manages) =>
  JSON.stringify({
    chat: { enabled: true, components: [], lookbackWindow: 30 },
    interactions: { enabled: true },
    patterns: { enabled: true },
    teamManagement: { enabled: manages },
    apiKeyManagement: { enabled: manages },
  });

/** Column → SQL over the CTE's `n`. Columns not named here take their default (or NULL). */
const ORG_COLUMNS = {
  id: `printf('${ID_FORMAT}', n)`,
  name: `(CASE WHEN n % ${SEARCH_EVERY} = 0 THEN 'Northwind ' ELSE 'Company ' END) || n`,
  slug: `'org-' || n`,
  status: `'active'`,
  kind: `'business'`,
  created_at: `${BASE_MS} + n * 1000`,
  updated_at: `${BASE_MS} + n * 1000`,
};

const isOwner = `(n = 1 OR n > ${MEMBERS})`;
const USER_COLUMNS = {
  id: `printf('${ID_FORMAT}', n)`,
  better_auth_user_id: `'bench-user-' || n`,
  organization_id: `printf('${ID_FORMAT}', CASE WHEN n <= ${MEMBERS} THEN 1 ELSE n END)`,
  email: `'user' || n || '@bench.example.com'`,
  name: `'User ' || n`,
  permissions: `CASE WHEN ${isOwner} THEN '${permissions(true)}' ELSE '${permissions(false)}' END`,
  status: `'active'`,
  role: `CASE WHEN ${isOwner} THEN 'owner' ELSE 'member' END`,
  created_at: `${BASE_MS} + n * 1000`,
  updated_at: `${BASE_MS} + n * 1000`,
};

export async function applyMigrations(db, dir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  for (const file of files) {
    const sql = await readFile(`${dir}/${file}`, "utf8");
    const statements = sql
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const statement of statements) await db.prepare(statement).run();
  }
}

/**
 * Other engineers add columns while this runs, so the table is read back after migrating: a
 * required column the seed does not know, or a known column that is gone, stops the run by name.
 */
async function checkColumns(db, table, columns) {
  const { results } = await db
    .prepare(`SELECT name, "notnull", dflt_value, pk FROM pragma_table_info(?)`)
    .bind(table)
    .all();
  const present = new Set(results.map((c) => c.name));
  const gone = Object.keys(columns).filter((c) => !present.has(c));
  const unknown = results
    .filter((c) => (c.notnull || c.pk) && c.dflt_value === null && !(c.name in columns))
    .map((c) => c.name);
  if (gone.length || unknown.length) {
    throw new Error(
      `seed: ${table} changed — update bench/seed.mjs (missing: ${gone.join(", ") || "none"}; ` +
        `required but not seeded: ${unknown.join(", ") || "none"})`,
    );
  }
}

async function seedTable(db, table, columns, rows) {
  await checkColumns(db, table, columns);
  await db
    .prepare(
      `INSERT INTO "${table}" (${Object.keys(columns).join(", ")})
       WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${rows})
       SELECT ${Object.values(columns).join(", ")} FROM seq`,
    )
    .run();
}

export async function seedOrgs(db) {
  await seedTable(db, "organization", ORG_COLUMNS, ORGS);
  // The list reads its total from this row (LIVE_ORGS in organizations.repository.ts) and writes
  // keep it current; seeding it here keeps the first measured list from counting 100k rows.
  await db
    .prepare(
      `INSERT INTO counter (name, value)
       SELECT 'organizations', count(*) FROM organization WHERE deleted_at IS NULL`,
    )
    .run();
}

/**
 * Removes what the create case wrote (organizations outside the seeded id range, their audit rows)
 * and recounts the live total, so every run and every case reads the same 100k organizations: a
 * grown list would move "page 4000" away from the far end of the index.
 */
export async function restoreOrgs(db) {
  const created = `SELECT id FROM organization WHERE id NOT LIKE '${ID_PREFIX}%'`;
  await db.batch([
    db.prepare(`DELETE FROM audit_log WHERE organization_id IN (${created})`),
    db.prepare(`DELETE FROM organization WHERE id IN (${created})`),
    db.prepare(
      `UPDATE counter SET value = (SELECT count(*) FROM organization WHERE deleted_at IS NULL)
       WHERE name = 'organizations'`,
    ),
  ]);
}

export const seedUsers = (db) => seedTable(db, "user", USER_COLUMNS, USERS);
