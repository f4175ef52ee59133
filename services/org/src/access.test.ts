import { type AccessTable, itPinsAccessTable } from "@svc/platform/testing";
import { api } from "../test/helpers";

const service = { principals: ["service"], scope: "global" } as const;
const anyone = { principals: ["service", "user"], scope: "global" } as const;
const org = { principals: ["service", "user"], scope: { param: "id" } } as const;
const admin = { ...org, minRole: "admin" } as const;
const keys = { ...admin, permission: "apiKeyManagement" } as const;
const team = { ...admin, permission: "teamManagement" } as const;

/** The org service's access rules as the spec gives them; a new route is added here by hand. */
const ACCESS: AccessTable = {
  "GET /health": "public",
  "POST /api/v1/organizations": { ...anyone, idempotent: true },
  "GET /api/v1/organizations": anyone,
  "GET /api/v1/organizations/check-slug/{slug}": anyone,
  "GET /api/v1/organizations/slug/{slug}": anyone,
  "GET /api/v1/organizations/by-auth-id/{betterAuthOrgId}": service,
  "GET /api/v1/organizations/{id}": org,
  "PATCH /api/v1/organizations/{id}": admin,
  "DELETE /api/v1/organizations/{id}": { ...org, minRole: "owner", rateLimit: "orgDelete" },
  "POST /api/v1/organizations/{id}/restore": { ...org, minRole: "owner", reachesDeletedOrg: true },
  "POST /api/v1/organizations/{id}/transfer-ownership": {
    principals: ["user"],
    scope: { param: "id" },
    minRole: "owner",
  },
  "GET /api/v1/organizations/{id}/lifecycle": {
    principals: ["service"],
    scope: { param: "id" },
    reachesDeletedOrg: true,
  },
  "POST /api/v1/organizations/onboard": { ...service, idempotent: true },
  "POST /api/v1/organizations/org-builders": { ...service, idempotent: true },
  "GET /api/v1/organizations/org-builders/{id}": service,
  "POST /api/v1/organizations/org-builders/{id}/finalize": service,
  "GET /api/v1/organizations/{id}/members": org,
  "POST /api/v1/organizations/{id}/members": team,
  "POST /api/v1/organizations/{id}/invitations": team,
  "GET /api/v1/organizations/{id}/invitations": team,
  "POST /api/v1/organizations/{id}/invitations/{invId}/revoke": team,
  "POST /api/v1/organizations/{id}/invitations/{invId}/resend": team,
  "POST /api/v1/invitations/accept": { principals: ["user"], scope: "caller" },
  "POST /api/v1/invitations/lookup": service,
  "GET /api/v1/organizations/{id}/audit-log": admin,
  "GET /api/v1/organizations/{id}/context": org,
  "POST /api/v1/organizations/{id}/context/trigger": { ...admin, idempotent: true, feature: "context" },
  "GET /api/v1/organizations/{id}/entitlements": org,
  "POST /api/v1/organizations/{id}/billing/checkout": { ...org, minRole: "owner" },
  "POST /api/v1/organizations/{id}/billing/portal": { ...org, minRole: "owner" },
  "POST /api/v1/webhooks/stripe": "public",
  "POST /api/v1/organizations/{id}/api-keys": { ...keys, idempotent: true, feature: "apiKeys" },
  "GET /api/v1/organizations/{id}/api-keys": { ...keys, feature: "apiKeys" },
  "DELETE /api/v1/organizations/{id}/api-keys/{keyId}": keys,
  "POST /api/v1/api-keys/verify": service,
  "GET /api/v1/organizations/{id}/settings": org,
  "GET /api/v1/organizations/{id}/settings/branding": org,
  "PUT /api/v1/organizations/{id}/settings/branding": admin,
  "PATCH /api/v1/organizations/{id}/settings/branding": admin,
  "GET /api/v1/organizations/{id}/settings/contact": org,
  "PUT /api/v1/organizations/{id}/settings/contact": admin,
  "PATCH /api/v1/organizations/{id}/settings/contact": admin,
  "GET /api/v1/organizations/{id}/settings/features": org,
  "PUT /api/v1/organizations/{id}/settings/features": admin,
  "PATCH /api/v1/organizations/{id}/settings/features": admin,
  "POST /api/v1/organizations/{id}/settings/branding/logo": admin,
  "DELETE /api/v1/organizations/{id}/settings/branding/logo": admin,
  "POST /api/v1/organizations/{id}/logo/upload-ticket": admin,
  "POST /api/v1/organizations/{id}/logo/finalize": admin,
  "POST /api/v1/organizations/{id}/logo/remove": admin,
  "PUT /api/v1/uploads/{token}": "public",
  "GET /assets/{key}": "public",
};

itPinsAccessTable(api, ACCESS);
