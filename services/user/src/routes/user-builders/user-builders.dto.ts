import { toIso } from "@svc/platform";
import type { BuilderRecord } from "./user-builders.repository";

export const toBuilder = (row: BuilderRecord) => ({
  id: row.id,
  draft: row.draft,
  expiresAt: toIso(row.expiresAt),
  finalizedUserId: row.finalizedUserId,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
