// `pnpm invariants`: runs the data invariants (invariant-checks.ts in @svc/platform's testing) against
// the local wrangler state that `bash scripts/dev.sh` writes (D1, and R2's object index), and prints
// each violation. Exit code 1 when there is any.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  type Database,
  findViolations,
  OBJECT_GRACE_MS,
} from "../../packages/platform/src/testing/invariant-checks.ts";

/** Long enough for any flow in progress (a sync, the sweep's grace) to have finished. */
const GRACE_MS = Number(process.env.INVARIANTS_GRACE_MS ?? 5 * 60_000);
const STATE = process.argv[2] ?? ".wrangler/state/v3/d1/miniflare-D1DatabaseObject";
const R2_STATE = process.argv[3] ?? ".wrangler/state/v3/r2/miniflare-R2BucketObject";
/** The sweeps remove an unreferenced object an hour after its upload, on the next 15-minute tick. */
const OBJECT_GRACE = OBJECT_GRACE_MS + 15 * 60_000;

if (!existsSync(STATE)) {
  console.error(`invariants: no local D1 state at ${STATE} (run bash scripts/dev.sh first)`);
  process.exit(2);
}

// Miniflare names each database's file by a hash of its id: tell them apart by their tables.
const databases = new Map<Database, DatabaseSync>();
for (const file of readdirSync(STATE).filter((name) => name.endsWith(".sqlite"))) {
  const db = new DatabaseSync(join(STATE, file), { readOnly: true });
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  if (has("organization")) databases.set("org", db);
  else if (has("user_sync_lease")) databases.set("user", db);
  else db.close();
}
for (const name of ["org", "user"] as const) {
  if (!databases.has(name)) {
    console.error(`invariants: no ${name} database in ${STATE} (apply the migrations first)`);
    process.exit(2);
  }
}

// Miniflare keeps each bucket's object index in its own SQLite file, named by a hash. The services
// write disjoint prefixes (org: logos/, tmp/; user: avatars/), so a prefix names its bucket and
// every file is searched for it. No R2 state yet: no objects.
const buckets = existsSync(R2_STATE)
  ? readdirSync(R2_STATE)
      .filter((name) => name.endsWith(".sqlite"))
      .map((file) => new DatabaseSync(join(R2_STATE, file), { readOnly: true }))
      // Beside the buckets' indexes sits Miniflare's own metadata.sqlite, which has no objects.
      .filter((db) => {
        const index = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_mf_objects'");
        return index.get() !== undefined;
      })
  : [];
const listObjects = async (_bucket: string, prefix: string) =>
  buckets.flatMap(
    (db) =>
      db
        .prepare("SELECT key, uploaded FROM _mf_objects WHERE substr(key, 1, length(?1)) = ?1")
        .all(prefix) as { key: string; uploaded: number }[],
  );

const violations = await findViolations(
  async (db, sql, params) =>
    databases
      .get(db)!
      .prepare(sql)
      .all(...(params as number[])) as Record<string, unknown>[],
  Date.now() - GRACE_MS,
  { list: listObjects, buckets: ["org", "user"], cutoff: Date.now() - OBJECT_GRACE },
);
for (const { invariant, id } of violations) console.log(`violation: ${invariant}: ${id}`);
console.log(`invariants: ${violations.length} violation(s)`);
process.exit(violations.length > 0 ? 1 : 0);
