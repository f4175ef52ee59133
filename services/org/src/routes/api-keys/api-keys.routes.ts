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
    summary: "Create an API key (the plain key is in this response only)",
    request: { params: OrgIdParams, body: jsonBody(CreateApiKeySchema) },
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
    summary: "List the organization's active API keys, newest first",
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
  summary: "Revoke an API key",
  request: { params: KeyParams },
  responses: { 204: { description: "Revoked" }, ...errorsFor("NOT_FOUND") },
});

export const verify = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/api-keys/verify",
    tags,
    summary: "Resolve a presented API key to its organization and scopes",
    request: { body: jsonBody(VerifyApiKeySchema) },
    responses: { 200: dataResponse(VerifiedApiKeySchema, "The key is valid") },
  },
);

export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type RevokeRoute = typeof revoke;
export type VerifyRoute = typeof verify;
