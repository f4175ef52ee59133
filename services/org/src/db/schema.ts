import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
};

export const organization = sqliteTable(
  "organization",
  {
    id: text().primaryKey(),
    betterAuthOrgId: text(),
    name: text().notNull(),
    slug: text().notNull(),
    description: text(),
    logoUrl: text(),
    websiteUrl: text(),
    status: text({ enum: ["pending", "active"] })
      .notNull()
      .default("pending"),
    kind: text({ enum: ["personal", "business"] })
      .notNull()
      .default("business"),
    subscriptionTier: text({ enum: ["free", "business", "enterprise"] })
      .notNull()
      .default("free"),
    subscriptionStatus: text({ enum: ["none", "active", "trialing", "paused", "past_due", "canceled"] })
      .notNull()
      .default("none"),
    stripeCustomerId: text(),
    stripeSubscriptionId: text(),
    /** `created` (epoch ms) of the last Stripe event applied: an older event changes nothing. */
    billingEventAt: integer(),
    /** When the subscription became past_due; business entitlements last the grace period from it. */
    pastDueSince: integer(),
    seats: integer(),
    creatorId: text(),
    /** Bumped on every write; the ETag is derived from it (optimistic concurrency). */
    version: integer().notNull().default(1),
    ...timestamps,
    deletedAt: integer(),
  },
  (t) => [
    uniqueIndex("organization_better_auth_org_id_unique").on(t.betterAuthOrgId),
    // Slugs stay reserved while soft-deleted, so uniqueness spans deleted rows too.
    uniqueIndex("organization_slug_unique").on(t.slug),
    uniqueIndex("organization_stripe_customer_id_unique").on(t.stripeCustomerId),
    // One partial index per list order over live rows: the list seeks (sortKey, id) instead of
    // scanning. deleted_at (always null here) is carried so a page jump's offset walk stays
    // index-only. A search reads the full-text index `organization_search` instead (a custom
    // migration: FTS5 virtual tables and their triggers are outside drizzle's schema).
    index("organization_live_name_idx")
      .on(sql`lower(${t.name})`, t.id, t.deletedAt)
      .where(sql`${t.deletedAt} is null`),
    index("organization_live_created_idx")
      .on(t.createdAt, t.id, t.deletedAt)
      .where(sql`${t.deletedAt} is null`),
    index("organization_live_updated_idx")
      .on(t.updatedAt, t.id, t.deletedAt)
      .where(sql`${t.deletedAt} is null`),
    // The purge job finds the orgs deleted longest ago without scanning live ones.
    index("organization_deleted_idx").on(t.deletedAt, t.id).where(sql`${t.deletedAt} is not null`),
  ],
);
export type OrganizationRow = typeof organization.$inferSelect;

/** Row counts kept in the same D1 batch as the writes that change them, so lists never count(*). */
export const counter = sqliteTable("counter", {
  name: text().primaryKey(),
  value: integer().notNull(),
});

export const organizationSettings = sqliteTable("organization_settings", {
  organizationId: text().primaryKey(),
  logoUrl: text(),
  primaryColorHex: text(),
  platformName: text(),
  supportEmail: text(),
  contactUrl: text(),
  timezone: text(),
  enableSignups: integer({ mode: "boolean" }),
  enablePurchases: integer({ mode: "boolean" }),
  version: integer().notNull().default(1),
  updatedAt: integer().notNull(),
});
export type OrganizationSettingsRow = typeof organizationSettings.$inferSelect;

export const orgBuilder = sqliteTable("org_builder", {
  id: text().primaryKey(),
  /** The id the finalized org will get: concurrent finalizes collide on it instead of making two. */
  organizationId: text().notNull(),
  name: text(),
  slug: text(),
  description: text(),
  websiteUrl: text(),
  kind: text({ enum: ["personal", "business"] }),
  betterAuthOrgId: text(),
  ownerUserId: text(),
  createdAt: integer().notNull(),
  expiresAt: integer().notNull(),
  finalizedOrgId: text(),
  finalizedAt: integer(),
});
export type OrgBuilderRow = typeof orgBuilder.$inferSelect;

export const apiKey = sqliteTable(
  "api_key",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    /** SHA-256 of the whole key; the plain key is shown once and never stored. */
    hash: text().notNull(),
    /** JSON array of scope strings. */
    scopes: text().notNull(),
    createdBy: text(),
    createdAt: integer().notNull(),
    lastUsedAt: integer(),
    revokedAt: integer(),
  },
  (t) => [
    uniqueIndex("api_key_prefix_unique").on(t.prefix),
    index("api_key_org_id_idx").on(t.organizationId, t.id),
  ],
);
export type ApiKeyRow = typeof apiKey.$inferSelect;

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    // A TypeScript-only enum (SQLite gets plain text), so a new kind needs no migration.
    actorType: text({ enum: ["service", "user", "system"] }).notNull(),
    actorId: text().notNull(),
    action: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text().notNull(),
    requestId: text().notNull(),
    /** JSON object with non-secret context, e.g. the changed field names. */
    metadata: text(),
    at: integer().notNull(),
  },
  (t) => [
    index("audit_log_org_id_idx").on(t.organizationId, t.id),
    // Retention: the purge job deletes the oldest entries a bounded batch at a time.
    index("audit_log_at_idx").on(t.at),
  ],
);
export type AuditLogRow = typeof auditLog.$inferSelect;

/** `Idempotency-Key` answers: the platform's table, so both services store them alike. */
export { idempotencyKey } from "@svc/platform/tables";

export const rateLimitWindow = sqliteTable("rate_limit_window", {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
});

/** One row per generated context; `jobId` is unique so a redelivered message stores nothing twice. */
export const organizationContext = sqliteTable(
  "organization_context",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    jobId: text().notNull(),
    crawlId: text(),
    contextType: text({ enum: ["ai_generated_summary", "heuristic_summary"] })
      .notNull()
      .default("ai_generated_summary"),
    structuredData: text().notNull(),
    model: text().notNull(),
    generatedAt: integer().notNull(),
  },
  (t) => [
    uniqueIndex("organization_context_job_id_unique").on(t.jobId),
    index("organization_context_org_generated_idx").on(t.organizationId, t.generatedAt),
  ],
);
export type OrganizationContextRow = typeof organizationContext.$inferSelect;

export const contextJob = sqliteTable(
  "context_job",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    crawlId: text(),
    status: text({ enum: ["queued", "running", "succeeded", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    contextId: text(),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
  },
  (t) => [
    index("context_job_org_created_idx").on(t.organizationId, t.createdAt),
    // At most one job in flight per organization: a concurrent second trigger hits this index.
    uniqueIndex("context_job_one_active_per_org")
      .on(t.organizationId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);
export type ContextJobRow = typeof contextJob.$inferSelect;

/**
 * An invitation into an organization. The token is shown once (in the invite link) and stored as
 * its SHA-256 only. `status` is what was written; a pending row past `expiresAt` reads as expired.
 */
export const invitation = sqliteTable(
  "invitation",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    /** Lower-case. */
    email: text().notNull(),
    role: text({ enum: ["member", "admin"] }).notNull(),
    status: text({ enum: ["pending", "accepted", "revoked", "expired"] })
      .notNull()
      .default("pending"),
    tokenHash: text().notNull(),
    expiresAt: integer().notNull(),
    /** The inviting user's id; null when a service invited. */
    invitedBy: text(),
    acceptedBy: text(),
    acceptedAt: integer(),
    revokedAt: integer(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("invitation_token_hash_unique").on(t.tokenHash),
    index("invitation_org_id_idx").on(t.organizationId, t.id),
    // One open invitation per email and org: a concurrent second invite collides here.
    uniqueIndex("invitation_one_pending_per_email")
      .on(t.organizationId, t.email)
      .where(sql`${t.status} = 'pending'`),
  ],
);
export type InvitationRow = typeof invitation.$inferSelect;

/** Stripe events already applied (or deliberately ignored), by event id: a replay changes nothing. */
export const stripeEvent = sqliteTable("stripe_event", {
  id: text().primaryKey(),
  type: text().notNull(),
  /** The organization it applied to; null when no organization matched. */
  organizationId: text(),
  processedAt: integer().notNull(),
});

/**
 * A two-step logo upload: the ticket names the tmp/ object the client uploads to. `uploadedAt`
 * makes the worker's upload URL single use, `finalizedAt` makes finalize single use.
 */
export const logoUpload = sqliteTable(
  "logo_upload",
  {
    tmpKey: text().primaryKey(),
    organizationId: text().notNull(),
    contentType: text().notNull(),
    contentLength: integer().notNull(),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
    uploadedAt: integer(),
    finalizedAt: integer(),
  },
  (t) => [index("logo_upload_expires_idx").on(t.expiresAt)],
);
export type LogoUploadRow = typeof logoUpload.$inferSelect;
