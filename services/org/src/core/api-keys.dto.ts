import { toIso, toIsoOrNull } from "@svc/platform";
import type { ApiKeyRow } from "../db/schema";

export const toApiKey = (row: ApiKeyRow) => ({
  id: row.id,
  organizationId: row.organizationId,
  name: row.name,
  prefix: row.prefix,
  scopes: JSON.parse(row.scopes) as string[],
  createdAt: toIso(row.createdAt),
  lastUsedAt: toIsoOrNull(row.lastUsedAt),
});
