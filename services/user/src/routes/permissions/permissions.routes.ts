import { PermissionsSchema, UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";
import { RoleBodySchema } from "./permissions.schemas";

const tags = ["Permissions"];
const manage = {
  principals: ["service", "user"],
  scope: "caller",
  minRole: "admin",
  permission: "teamManagement",
} as const;

export const getPermissions = guardedRoute(
  { principals: ["service", "user"], scope: "caller" },
  {
    method: "get",
    path: "/api/v1/users/{id}/permissions",
    tags,
    operationId: "getUserPermissions",
    summary: "Get a user's permissions",
    description: "The user themself, an admin of their organization, or a service.",
    request: { params: UserIdParams },
    responses: { 200: dataResponse(PermissionsSchema, "The permissions"), ...errorsFor("NOT_FOUND") },
  },
);

export const putPermissions = guardedRoute(manage, {
  method: "put",
  path: "/api/v1/users/{id}/permissions",
  tags,
  operationId: "replaceUserPermissions",
  summary: "Replace a member's permissions",
  description: "Admins, or members with teamManagement, of the user's organization.",
  request: {
    params: UserIdParams,
    body: jsonBody(PermissionsSchema, {
      chat: { enabled: true, components: ["search"], lookbackWindow: 30 },
      interactions: { enabled: true },
      patterns: { enabled: false },
      teamManagement: { enabled: false },
      apiKeyManagement: { enabled: false },
    }),
  },
  responses: { 200: dataResponse(PermissionsSchema, "The new permissions"), ...errorsFor("NOT_FOUND") },
});

export const patchRole = guardedRoute(manage, {
  method: "patch",
  path: "/api/v1/users/{id}/role",
  tags,
  operationId: "updateUserRole",
  summary: "Change a member's role",
  description:
    "Admins, or members with teamManagement. Permissions reset to the new role's defaults; the organization's " +
    "last owner cannot be demoted (409).",
  request: { params: UserIdParams, body: jsonBody(RoleBodySchema, { role: "admin" }) },
  responses: { 200: dataResponse(UserSchema, "The user"), ...errorsFor("NOT_FOUND", "CONFLICT") },
});

export type GetPermissionsRoute = typeof getPermissions;
export type PutPermissionsRoute = typeof putPermissions;
export type PatchRoleRoute = typeof patchRole;
