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
    uniqueIndex("user_better_auth_user_id_unique").on(t.betterAuthUserId),
    uniqueIndex("user_email_unique").on(t.email),
    // Members of an org in id order (keyset pagination) and email prefix search inside an org.
    index("user_org_id_idx").on(t.organizationId, t.id),
    index("user_org_email_idx").on(t.organizationId, t.email),
  ],
);

export type UserRow = typeof user.$inferSelect;
