import type { User } from "@svc/contracts";
import { toIso } from "@svc/platform";
import type { UserRecord } from "./users.repository";

export const toUser = (row: UserRecord): User => ({
  id: row.id,
  betterAuthUserId: row.betterAuthUserId,
  organizationId: row.organizationId,
  email: row.email,
  name: row.name,
  profilePictureUrl: row.profilePictureUrl,
  onboardingId: row.onboardingId,
  permissions: row.permissions,
  status: row.status,
  role: row.role,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
