import { toIso, toIsoOrNull } from "@svc/platform";
import type { InvitationRow } from "../../db/schema";

/** The status a reader sees: a pending invitation past its expiry is expired, without a write. */
export const statusAt = (row: InvitationRow, now: number) =>
  row.status === "pending" && row.expiresAt <= now ? "expired" : row.status;

export const toInvitation = (row: InvitationRow, now = Date.now()) => ({
  id: row.id,
  organizationId: row.organizationId,
  email: row.email,
  role: row.role,
  status: statusAt(row, now),
  expiresAt: toIso(row.expiresAt),
  invitedBy: row.invitedBy,
  acceptedBy: row.acceptedBy,
  acceptedAt: toIsoOrNull(row.acceptedAt),
  revokedAt: toIsoOrNull(row.revokedAt),
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});
