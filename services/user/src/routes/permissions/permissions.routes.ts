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
    summary: "A user's permissions (the user, an admin of the organization, or a service)",
    request: { params: UserIdParams },
    responses: { 200: dataResponse(PermissionsSchema, "The permissions"), ...errorsFor("NOT_FOUND") },
  },
);

export const putPermissions = guardedRoute(manage, {
  method: "put",
  path: "/api/v1/users/{id}/permissions",
  tags,
  summary: "Replace a member's permissions (admin or teamManagement)",
  request: { params: UserIdParams, body: jsonBody(PermissionsSchema) },
  responses: { 200: dataResponse(PermissionsSchema, "The new permissions"), ...errorsFor("NOT_FOUND") },
});

export const patchRole = guardedRoute(manage, {
  method: "patch",
  path: "/api/v1/users/{id}/role",
  tags,
  summary: "Change a member's role (admin or teamManagement); permissions reset to the role's defaults",
  description: "The organization's last owner cannot be demoted (409).",
  request: { params: UserIdParams, body: jsonBody(RoleBodySchema) },
  responses: { 200: dataResponse(UserSchema, "The user"), ...errorsFor("NOT_FOUND", "CONFLICT") },
});

export type GetPermissionsRoute = typeof getPermissions;
export type PutPermissionsRoute = typeof putPermissions;
export type PatchRoleRoute = typeof patchRole;
