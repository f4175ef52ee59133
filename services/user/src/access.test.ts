import { type AccessTable, itPinsAccessTable } from "@svc/platform/testing";
import { api } from "../test/helpers";

const service = { principals: ["service"], scope: "global" } as const;
const tenant = { principals: ["service", "user"], scope: "caller" } as const;
const self = { principals: ["user"], scope: "caller" } as const;
const team = { ...tenant, minRole: "admin", permission: "teamManagement" } as const;

/** The user service's access rules as the spec gives them; a new route is added here by hand. */
const ACCESS: AccessTable = {
  "GET /health": "public",
  "POST /api/v1/users": { ...service, idempotent: true },
  "POST /api/v1/users/create": { ...service, idempotent: true },
  "GET /api/v1/users/by-auth-id/{betterAuthUserId}": service,
  "GET /api/v1/users/by-organization/{organizationId}": {
    principals: ["service", "user"],
    scope: { param: "organizationId" },
  },
  "GET /api/v1/users/{id}": tenant,
  "DELETE /api/v1/users/{id}": { ...tenant, minRole: "admin" },
  "PUT /api/v1/users/{id}/membership": service,
  "POST /api/v1/users/{id}/move-out/check": service,
  "POST /api/v1/users/transfer-ownership": service,
  "GET /api/v1/audit-log/by-organization/{organizationId}": {
    principals: ["service"],
    scope: { param: "organizationId" },
  },
  "POST /api/v1/audit-log/purge": service,
  "GET /api/v1/users/{id}/permissions": tenant,
  "PUT /api/v1/users/{id}/permissions": team,
  "PATCH /api/v1/users/{id}/role": team,
  "GET /api/v1/users/me": self,
  "POST /api/v1/users/onboard": self,
  "PATCH /api/v1/users/{id}/profile": self,
  "POST /api/v1/users/{id}/profile-picture": self,
  "DELETE /api/v1/users/{id}/profile-picture": self,
  "GET /assets/{key}": "public",
  "GET /api/v1/users/search-email": self,
  "POST /api/v1/users/check-emails": service,
  "POST /api/v1/user-builders": { ...service, idempotent: true },
  "GET /api/v1/user-builders/{id}": service,
  "POST /api/v1/user-builders/{id}/finalize": service,
  "GET /api/v1/billing-builders": service,
};

itPinsAccessTable(api, ACCESS);
