import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKey } from "../db/schema";

export type NewApiKey = typeof apiKey.$inferInsert;

export const insertApiKeyStatement = (db: Db, values: NewApiKey) =>
  db.insert(apiKey).values(values).returning();

export const deleteApiKeysStatement = (db: Db, organizationId: string) =>
  db.delete(apiKey).where(eq(apiKey.organizationId, organizationId));
