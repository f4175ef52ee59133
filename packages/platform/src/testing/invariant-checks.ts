/**
 * The invariants both services' data must hold after any flow, failed or not, written once: the
 * fault-injection tests run them against the test D1 bindings and `pnpm invariants` against the
 * local wrangler state. Each check is a query answering its violations, one row per violation,
 * each with a `ref`. A check with `unless` reads the other database too: a row is a violation
 * only when its `ref` is not among the ids that query answers (D1 cannot join across databases).
 * `?1` is the cutoff in epoch ms: rows created after it are still inside a flow's grace period.
 *
 * R2 objects are not in D1, so their checks (`OBJECT_INVARIANTS`) list a bucket's keys under a
 * prefix instead of running a query, and the SQL half answers the keys the database points at.
 */
export type Database = "org" | "user";

export interface Invariant {
  name: string;
  db: Database;
  sql: string;
  unless?: { db: Database; sql: string };
}

export const INVARIANTS: Invariant[] = [
  {
    // A soft-deleted organization keeps its members until its owner restores it or the purge
    // moves them to personal organizations; once it is purged, nobody may point at it. A personal
    // organization a flow retired (its delete entry gives a reason: the member moved out, it was
    // memberless) was retired because its member left it, so nobody may point at it either.
    name: "a live user points at a missing organization, or at a personal one retired when they left it",
    db: "user",
    sql: "SELECT id, organization_id AS ref FROM user WHERE deleted_at IS NULL AND organization_id IS NOT NULL AND created_at <= ?1",
    unless: {
      db: "org",
      sql: `SELECT id FROM organization o WHERE NOT (o.kind = 'personal' AND o.deleted_at IS NOT NULL AND EXISTS (
        SELECT 1 FROM audit_log a WHERE a.organization_id = o.id AND a.action = 'organization.delete'
        AND a.at >= o.deleted_at AND json_extract(a.metadata, '$.reason') IS NOT NULL))`,
    },
  },
  {
    name: "a live personal organization has no member",
    db: "org",
    sql: "SELECT id, id AS ref FROM organization WHERE kind = 'personal' AND deleted_at IS NULL AND created_at <= ?1",
    unless: { db: "user", sql: "SELECT DISTINCT organization_id AS id FROM user WHERE deleted_at IS NULL" },
  },
  {
    name: "a live organization born with an owner has none",
    db: "org",
    sql: "SELECT id, id AS ref FROM organization WHERE deleted_at IS NULL AND status = 'active' AND (kind = 'personal' OR creator_id IS NOT NULL) AND created_at <= ?1",
    unless: {
      db: "user",
      sql: "SELECT DISTINCT organization_id AS id FROM user WHERE deleted_at IS NULL AND role = 'owner'",
    },
  },
  {
    name: "an organization has no creation audit entry",
    db: "org",
    sql: "SELECT id, id AS ref FROM organization o WHERE created_at <= ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.organization_id = o.id AND a.action IN ('organization.create', 'organization.onboard'))",
  },
  {
    name: "a deleted organization has no delete audit entry",
    db: "org",
    sql: "SELECT id, id AS ref FROM organization o WHERE deleted_at IS NOT NULL AND deleted_at <= ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.organization_id = o.id AND a.action = 'organization.delete')",
  },
  {
    name: "an API key has no creation audit entry",
    db: "org",
    sql: "SELECT id, id AS ref FROM api_key k WHERE created_at <= ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.resource_id = k.id AND a.action = 'api_key.create')",
  },
  {
    name: "a context job has no trigger audit entry",
    db: "org",
    sql: "SELECT id, id AS ref FROM context_job j WHERE created_at <= ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.resource_id = j.id AND a.action = 'context.trigger')",
  },
  {
    // A D1 failure on a sync's last write leaves its lease; the user service's sync-leases job
    // deletes those an hour after they expired.
    name: "a sync lease outlived its request and the lease sweep",
    db: "user",
    sql: "SELECT better_auth_user_id AS id, better_auth_user_id AS ref FROM user_sync_lease WHERE expires_at <= ?1 - 3600000",
  },
];

export type Bucket = "org" | "user";

/**
 * A check between one bucket's objects under `prefix` and the keys a query answers (as `id`):
 * `orphan`: an object the database does not point at (`keys` answers every key still pointed at;
 * none given: every object under the prefix is one), once older than the sweeps' grace;
 * `missing`: a key the database points at with no object.
 */
export interface ObjectInvariant {
  name: string;
  bucket: Bucket;
  prefix: string;
  kind: "orphan" | "missing";
  keys?: { db: Database; sql: string };
}

/** Both image sweeps leave objects younger than this alone (an upload between its put and its save). */
export const OBJECT_GRACE_MS = 60 * 60_000;

/** The key inside a stored image's URL (`…/{prefix}/{owner}/{sha256}.{ext}`, as `assetUrl` makes it). */
const keysIn = (table: string, column: string, prefix: string, where = "TRUE") =>
  `SELECT substr(${column}, instr(${column}, '${prefix}')) AS id FROM ${table} WHERE instr(${column}, '${prefix}') > 0 AND ${where}`;

export const OBJECT_INVARIANTS: ObjectInvariant[] = [
  {
    name: "an R2 logo object no organization's branding points at, after the image sweep",
    bucket: "org",
    prefix: "logos/",
    kind: "orphan",
    // A deleted organization keeps its logo until the purge removes both.
    keys: { db: "org", sql: keysIn("organization_settings", "logo_url", "logos/") },
  },
  {
    name: "a live organization's logo is missing from R2",
    bucket: "org",
    prefix: "logos/",
    kind: "missing",
    keys: {
      db: "org",
      sql: keysIn(
        "organization_settings",
        "logo_url",
        "logos/",
        "organization_id IN (SELECT id FROM organization WHERE deleted_at IS NULL)",
      ),
    },
  },
  { name: "an upload's tmp/ object outlived the image sweep", bucket: "org", prefix: "tmp/", kind: "orphan" },
  {
    name: "an R2 profile picture no user points at, after the avatar sweep",
    bucket: "user",
    prefix: "avatars/",
    kind: "orphan",
    // A removed user's row still points at its picture.
    keys: { db: "user", sql: keysIn("user", "profile_picture_url", "avatars/") },
  },
  {
    name: "a live user's profile picture is missing from R2",
    bucket: "user",
    prefix: "avatars/",
    kind: "missing",
    keys: { db: "user", sql: keysIn("user", "profile_picture_url", "avatars/", "deleted_at IS NULL") },
  },
];

export interface Violation {
  invariant: string;
  id: string;
}

/** Runs a query on one database and answers its rows; the caller adapts D1 or node:sqlite. */
export type Query = (db: Database, sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The objects under `prefix` in one bucket, with when each was uploaded (epoch ms). */
export type ListObjects = (bucket: Bucket, prefix: string) => Promise<{ key: string; uploaded: number }[]>;

/**
 * Every violation of `INVARIANTS` and, when `objects` can list a bucket, of the `OBJECT_INVARIANTS`
 * on that bucket (objects uploaded after `objects.cutoff` are still the sweeps' to remove).
 */
export async function findViolations(
  query: Query,
  cutoff: number,
  objects?: { list: ListObjects; buckets: Bucket[]; cutoff: number },
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const check of INVARIANTS) {
    const rows = await query(check.db, check.sql, [cutoff]);
    const allowed = check.unless
      ? new Set((await query(check.unless.db, check.unless.sql, [])).map((row) => String(row.id)))
      : new Set<string>();
    for (const row of rows) {
      if (!allowed.has(String(row.ref))) violations.push({ invariant: check.name, id: String(row.id) });
    }
  }
  for (const check of OBJECT_INVARIANTS) {
    if (!objects?.buckets.includes(check.bucket)) continue;
    const listed = await objects.list(check.bucket, check.prefix);
    const keys = check.keys
      ? new Set((await query(check.keys.db, check.keys.sql, [])).map((row) => String(row.id)))
      : new Set<string>();
    if (check.kind === "orphan") {
      for (const { key, uploaded } of listed) {
        if (uploaded <= objects.cutoff && !keys.has(key)) violations.push({ invariant: check.name, id: key });
      }
    } else {
      const stored = new Set(listed.map((o) => o.key));
      for (const key of keys) if (!stored.has(key)) violations.push({ invariant: check.name, id: key });
    }
  }
  return violations;
}
