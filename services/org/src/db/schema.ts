import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
    seats: integer(),
    creatorId: text(),
    ...timestamps,
    deletedAt: integer(),
  },
  (t) => [
    uniqueIndex("organization_better_auth_org_id_unique").on(t.betterAuthOrgId),
    // Slugs stay reserved while soft-deleted, so uniqueness spans deleted rows too.
    uniqueIndex("organization_slug_unique").on(t.slug),
    uniqueIndex("organization_stripe_customer_id_unique").on(t.stripeCustomerId),
  ],
);

export type OrganizationRow = typeof organization.$inferSelect;
