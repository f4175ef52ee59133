import type { Permissions } from "@svc/contracts";
import { ApiError, type Principal, type Role } from "@svc/platform";

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };
export const outranks = (a: Role, b: Role) => RANK[a] > RANK[b];
export const isAdmin = (role: Role) => RANK[role] >= RANK.admin;

/**
 * Limits on a user principal managing another user (services are trusted): nobody acts on a
 * user ranked above them or hands out a role above their own, so a member holding teamManagement
 * cannot promote themselves.
 */
export function assertCanManage(principal: Principal | undefined, target: { role: Role }, newRole?: Role) {
  if (principal?.kind !== "user") return;
  const own = principal.user.role;
  if (outranks(target.role, own))
    throw new ApiError("FORBIDDEN", "You cannot manage a user ranked above you");
  if (newRole && outranks(newRole, own)) {
    throw new ApiError("FORBIDDEN", "You cannot grant a role above your own");
  }
}

/** Below admin, a manager may not switch on a management flag it does not hold itself. */
export function assertCanGrant(principal: Principal | undefined, next: Permissions, current: Permissions) {
  if (principal?.kind !== "user" || isAdmin(principal.user.role)) return;
  for (const flag of ["teamManagement", "apiKeyManagement"] as const) {
    if (next[flag].enabled && !current[flag].enabled && !principal.user.permissions[flag]?.enabled) {
      throw new ApiError("FORBIDDEN", `You cannot grant ${flag}`);
    }
  }
}
