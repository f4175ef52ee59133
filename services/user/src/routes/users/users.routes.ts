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
    operationId: "createUser",
    summary: "Create a user",
    description:
      "Service only (onboarding): creates a user directly, with organization, role and status. An " +
      "organization the org service does not know (or has deleted) is 404.",
    request: {
      body: jsonBody(CreateUserSchema, {
        betterAuthUserId: "ba_user_123",
        email: "ada@acme.example",
        name: "Ada",
        organizationId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
        role: "owner",
        status: "active",
      }),
    },
    responses: { 201: dataResponse(UserSchema, "The created user"), ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export const getByAuthId = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "get",
    path: "/api/v1/users/by-auth-id/{betterAuthUserId}",
    tags,
    operationId: "getUserByAuthId",
    summary: "Get a user by Better Auth id",
    description: "Service only (fail-closed: no key at all is 401): the gateway resolves a token's subject.",
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
    operationId: "listUsersByOrganization",
    summary: "List an organization's users",
    description: "The tenant's users, cursor-paginated.",
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
    operationId: "getUser",
    summary: "Get a user",
    description:
      "A user of the caller's organization; a user of another organization is 404, like an unknown id.",
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
    operationId: "deleteUser",
    summary: "Remove a user",
    description:
      "Admins: a soft delete of a user of the caller's organization. A user principal may not remove the organization's last owner (409). Service principals are exempt: they run lifecycle and compensation flows.",
    request: { params: UserIdParams },
    responses: { 204: { description: "Removed" }, ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export type CreateRoute = typeof create;
export type GetByAuthIdRoute = typeof getByAuthId;
export type ListByOrganizationRoute = typeof listByOrganization;
export type GetRoute = typeof get;
export type RemoveRoute = typeof remove;
