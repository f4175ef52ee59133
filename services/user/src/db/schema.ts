import { isNull } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const user = sqliteTable(
  "user",
  {
    id: text().primaryKey(),
    betterAuthUserId: text().notNull(),
    organizationId: text(),
    /** Stored lower-case; uniqueness and prefix search rely on it. */
    email: text().notNull(),
    name: text().notNull().default(""),
    profilePictureUrl: text(),
    onboardingId: text(),
    /** JSON, validated against PermissionsSchema on every write. */
    permissions: text().notNull(),
    status: text({ enum: ["pending", "active"] })
      .notNull()
      .default("pending"),
    role: text({ enum: ["member", "admin", "owner"] })
      .notNull()
      .default("member"),
    createdAt: integer().notNull(),
    updatedAt: integer().notNull(),
    deletedAt: integer(),
  },
  (t) => [
    // Unique among live users only, so a soft-deleted user's email and identity can sign up again.
    uniqueIndex("user_better_auth_user_id_unique").on(t.betterAuthUserId).where(isNull(t.deletedAt)),
    uniqueIndex("user_email_unique").on(t.email).where(isNull(t.deletedAt)),
    // Members of an org in id order (keyset pagination) and email prefix search inside an org.
    index("user_org_id_idx").on(t.organizationId, t.id),
    index("user_org_email_idx").on(t.organizationId, t.email),
    // Counting an org's owners (last-owner rule) without scanning its members.
    index("user_org_role_idx").on(t.organizationId, t.role),
  ],
);

export type UserRow = typeof user.$inferSelect;

/**
 * One in-flight auth-service sync per Better Auth user: the holder provisions the personal org,
 * concurrent callers wait for it. `userId` survives a failed attempt so a retry reuses the same id.
 */
export const syncLease = sqliteTable("user_sync_lease", {
  betterAuthUserId: text().primaryKey(),
  userId: text().notNull(),
  expiresAt: integer().notNull(),
});

/** An onboarding draft: partial user fields until it is finalized into a user. */
export const userBuilder = sqliteTable("user_builder", {
  id: text().primaryKey(),
  /** JSON: the draft's partial user fields. */
  draft: text().notNull(),
  expiresAt: integer().notNull(),
  finalizedUserId: text(),
  createdAt: integer().notNull(),
  updatedAt: integer().notNull(),
});

export type UserBuilderRow = typeof userBuilder.$inferSelect;

/** `Idempotency-Key` answers: the platform's table, so both services store them alike. */
export { idempotencyKey } from "@svc/platform/tables";
/**
 * The user service's audit entries, written in the same D1 batch as the mutation they record. The
 * org service's `GET /organizations/{id}/audit-log` reads them with its own, merged by id (both
 * sides use UUIDv7 ids, so id order is time order).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text().primaryKey(),
    organizationId: text().notNull(),
    actorType: text({ enum: ["service", "user", "system"] }).notNull(),
    actorId: text().notNull(),
    action: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text().notNull(),
    requestId: text().notNull(),
    /** JSON object with non-secret context, e.g. the old and new role. */
    metadata: text(),
    at: integer().notNull(),
  },
  (t) => [index("audit_log_org_id_idx").on(t.organizationId, t.id), index("audit_log_at_idx").on(t.at)],
);
export type AuditLogRow = typeof auditLog.$inferSelect;
