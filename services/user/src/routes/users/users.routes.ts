import { CreateUserSchema, CursorQuerySchema, UserPageSchema, UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrganizationIdParams, UserIdParams } from "../../lib/params";
import { AuthIdParams } from "./users.schemas";

const tags = ["Users"];

export const create = guardedRoute(
  { principals: ["service"], scope: "global", idempotent: true },
  {
    method: "post",
    path: "/api/v1/users/create",
    tags,
    summary: "Create a user directly (onboarding)",
    request: { body: jsonBody(CreateUserSchema) },
    responses: { 201: dataResponse(UserSchema, "The created user"), ...errorsFor("CONFLICT") },
  },
);

export const getByAuthId = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "get",
    path: "/api/v1/users/by-auth-id/{betterAuthUserId}",
    tags,
    summary: "Look a user up by Better Auth user id (service only, fail-closed)",
    request: { params: AuthIdParams },
    responses: { 200: dataResponse(UserSchema, "The user"), ...errorsFor("NOT_FOUND") },
  },
);

export const listByOrganization = guardedRoute(
  { principals: ["service", "user"], scope: { param: "organizationId" } },
  {
    method: "get",
    path: "/api/v1/users/by-organization/{organizationId}",
    tags,
    summary: "List an organization's users, cursor-paginated",
    request: { params: OrganizationIdParams, query: CursorQuerySchema },
    responses: {
      200: {
        description: "A page of users",
        content: { "application/json": { schema: UserPageSchema } },
      },
    },
  },
);

export const get = guardedRoute(
  { principals: ["service", "user"], scope: "caller" },
  {
    method: "get",
    path: "/api/v1/users/{id}",
    tags,
    summary: "Get a user of the caller's organization",
    request: { params: UserIdParams },
    responses: { 200: dataResponse(UserSchema, "The user"), ...errorsFor("NOT_FOUND") },
  },
);

export const remove = guardedRoute(
  { principals: ["service", "user"], scope: "caller", minRole: "admin" },
  {
    method: "delete",
    path: "/api/v1/users/{id}",
    tags,
    summary: "Remove a user of the caller's organization (soft delete)",
    description:
      "A user principal may not remove the organization's last owner (409). Service principals are exempt: they run lifecycle and compensation flows.",
    request: { params: UserIdParams },
    responses: { 204: { description: "Removed" }, ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export type CreateRoute = typeof create;
export type GetByAuthIdRoute = typeof getByAuthId;
export type ListByOrganizationRoute = typeof listByOrganization;
export type GetRoute = typeof get;
export type RemoveRoute = typeof remove;
