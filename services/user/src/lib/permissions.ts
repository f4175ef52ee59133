import type { Permissions } from "@svc/contracts";
import type { Role } from "@svc/platform";

/** Defaults filled by role: members get the product features, admins and owners also manage. */
export function defaultPermissions(role: Role): Permissions {
  const manages = role !== "member";
  return {
    chat: { enabled: true, components: [], lookbackWindow: 30 },
    interactions: { enabled: true },
    patterns: { enabled: true },
    teamManagement: { enabled: manages },
    apiKeyManagement: { enabled: manages },
  };
}
