/**
 * The invariants both services' data must hold after any flow, failed or not, written once: the
 * fault-injection tests run them against the test D1 bindings and `pnpm invariants` against the
 * local wrangler state. Each check is a query answering its violations, one row per violation,
 * each with a `ref`. A check with `unless` reads the other database too: a row is a violation
 * only when its `ref` is not among the ids that query answers (D1 cannot join across databases).
 * `?1` is the cutoff in epoch ms: rows created after it are still inside a flow's grace period.
 */
export type Database = "org" | "user";

export interface Invariant {
  name: string;
  db: Database;
  sql: string;
  unless?: { db: Database; sql: string };
}

const LIVE_ORG_IDS = "SELECT id FROM organization WHERE deleted_at IS NULL";

export const INVARIANTS: Invariant[] = [
  {
    name: "a live user points at a missing or deleted organization",
    db: "user",
    sql: "SELECT id, organization_id AS ref FROM user WHERE deleted_at IS NULL AND organization_id IS NOT NULL AND created_at <= ?1",
    unless: { db: "org", sql: LIVE_ORG_IDS },
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
    name: "a sync lease outlived its request",
    db: "user",
    sql: "SELECT better_auth_user_id AS id, better_auth_user_id AS ref FROM user_sync_lease WHERE expires_at <= ?1",
  },
];

export interface Violation {
  invariant: string;
  id: string;
}

/** Runs a query on one database and answers its rows; the caller adapts D1 or node:sqlite. */
export type Query = (db: Database, sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export async function findViolations(query: Query, cutoff: number): Promise<Violation[]> {
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
  return violations;
}
