import { CursorQuerySchema, cursorPage } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema } from "../../core/api-keys.schemas";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import { KeyParams, VerifiedApiKeySchema, VerifyApiKeySchema } from "./api-keys.schemas";

const tags = ["API keys"];
const manage = {
  principals: ["service", "user"],
  scope: { param: "id" },
  minRole: "admin",
  permission: "apiKeyManagement",
} as const;

export const create = guardedRoute(
  { ...manage, idempotent: true, feature: "apiKeys" },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/api-keys",
    tags,
    operationId: "createOrganizationApiKey",
    summary: "Create an API key",
    description:
      "Admins, or members with apiKeyManagement, on a plan with API keys. The plain key is in this response " +
      "only; the service stores its hash. Honours Idempotency-Key.",
    request: {
      params: OrgIdParams,
      body: jsonBody(CreateApiKeySchema, { name: "Storefront", scopes: ["orders:read"] }),
    },
    responses: {
      201: dataResponse(CreatedApiKeySchema, "The new key"),
      ...errorsFor("NOT_FOUND", "CONFLICT", "UNPROCESSABLE_ENTITY", "FEATURE_NOT_AVAILABLE"),
    },
  },
);

export const list = guardedRoute(
  { ...manage, feature: "apiKeys" },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/api-keys",
    tags,
    operationId: "listOrganizationApiKeys",
    summary: "List API keys",
    description:
      "The organization's active (unrevoked) API keys, newest first, cursor-paginated; never the keys themselves.",
    request: { params: OrgIdParams, query: CursorQuerySchema },
    responses: {
      200: {
        description: "A page of keys",
        content: { "application/json": { schema: cursorPage(ApiKeySchema) } },
      },
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export const revoke = guardedRoute(manage, {
  method: "delete",
  path: "/api/v1/organizations/{id}/api-keys/{keyId}",
  tags,
  operationId: "revokeOrganizationApiKey",
  summary: "Revoke an API key",
  description: "The key stops verifying at once. An unknown or already revoked key is 404.",
  request: { params: KeyParams },
  responses: { 204: { description: "Revoked" }, ...errorsFor("NOT_FOUND") },
});

export const verify = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/api-keys/verify",
    tags,
    operationId: "verifyApiKey",
    summary: "Verify an API key",
    description:
      "Service only (the gateway): resolves a presented key to its organization and scopes and records its " +
      "use. An unknown, revoked or malformed key is 401.",
    request: { body: jsonBody(VerifyApiKeySchema, { key: "ak_live_0123456789abcdef0123456789abcdef" }) },
    responses: { 200: dataResponse(VerifiedApiKeySchema, "The key is valid") },
  },
);

export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type RevokeRoute = typeof revoke;
export type VerifyRoute = typeof verify;
