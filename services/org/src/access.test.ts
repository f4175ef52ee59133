import { type AccessTable, itPinsAccessTable } from "@svc/platform/testing";
import { api } from "../test/helpers";

const service = { principals: ["service"], scope: "global" } as const;
const anyone = { principals: ["service", "user"], scope: "global" } as const;
const org = { principals: ["service", "user"], scope: { param: "id" } } as const;
const admin = { ...org, minRole: "admin" } as const;
const keys = { ...admin, permission: "apiKeyManagement" } as const;

/** The org service's access rules as the spec gives them; a new route is added here by hand. */
const ACCESS: AccessTable = {
  "GET /health": "public",
  "POST /api/v1/organizations": anyone,
  "GET /api/v1/organizations": anyone,
  "GET /api/v1/organizations/check-slug/{slug}": anyone,
  "GET /api/v1/organizations/slug/{slug}": anyone,
  "GET /api/v1/organizations/by-auth-id/{betterAuthOrgId}": service,
  "GET /api/v1/organizations/{id}": org,
  "PATCH /api/v1/organizations/{id}": admin,
  "DELETE /api/v1/organizations/{id}": { ...org, minRole: "owner", rateLimit: "orgDelete" },
  "POST /api/v1/organizations/onboard": service,
  "POST /api/v1/organizations/org-builders": service,
  "GET /api/v1/organizations/org-builders/{id}": service,
  "POST /api/v1/organizations/org-builders/{id}/finalize": service,
  "GET /api/v1/organizations/{id}/members": org,
  "GET /api/v1/organizations/{id}/audit-log": admin,
  "GET /api/v1/organizations/{id}/context": org,
  "POST /api/v1/organizations/{id}/context/trigger": admin,
  "POST /api/v1/organizations/{id}/api-keys": keys,
  "GET /api/v1/organizations/{id}/api-keys": keys,
  "DELETE /api/v1/organizations/{id}/api-keys/{keyId}": keys,
  "POST /api/v1/api-keys/verify": service,
  "GET /api/v1/organizations/{id}/settings": org,
  "GET /api/v1/organizations/{id}/settings/branding": org,
  "PUT /api/v1/organizations/{id}/settings/branding": admin,
  "GET /api/v1/organizations/{id}/settings/contact": org,
  "PUT /api/v1/organizations/{id}/settings/contact": admin,
  "GET /api/v1/organizations/{id}/settings/features": org,
  "PUT /api/v1/organizations/{id}/settings/features": admin,
  "GET /api/v1/organizations/{id}/domains": admin,
  "PUT /api/v1/organizations/{id}/domains": admin,
  "POST /api/v1/organizations/{id}/domains/{domain}/verify": admin,
  "PATCH /api/v1/organizations/{id}/domains/{domain}": admin,
  "POST /api/v1/organizations/{id}/domains/{domain}/joins": {
    principals: ["service"],
    scope: { param: "id" },
  },
  "GET /api/v1/organizations/by-domain/{domain}": service,
};

itPinsAccessTable(api, ACCESS);
