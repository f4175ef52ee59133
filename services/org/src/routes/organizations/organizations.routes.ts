import { OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { CreateOrganizationSchema } from "../../core/organizations.schemas";
import { guardedRoute } from "../../lib/access";
import { etagHeader, IfMatchHeaders } from "../../lib/etag";
import { OrgIdParams } from "../../lib/params";
import {
  AuthIdParams,
  CheckSlugSchema,
  ListQuerySchema,
  OrganizationPageSchema,
  SlugParams,
  UpdateOrganizationSchema,
} from "./organizations.schemas";

const tags = ["Organizations"];
const base = "/api/v1/organizations";
const withEtag = (description: string) => ({
  ...dataResponse(OrganizationSchema, description),
  headers: etagHeader,
});

export const create = guardedRoute(
  { principals: ["service", "user"], scope: "global", idempotent: true },
  {
    method: "post",
    path: base,
    tags,
    summary: "Create an organization",
    description:
      "A service may sync from the auth service (betterAuthOrgId: an idempotent upsert, 200 when known) " +
      "or provision a personal org. A user may create one only while alone in their personal org: they " +
      "move in as owner and the personal org is soft-deleted.",
    request: { body: jsonBody(CreateOrganizationSchema) },
    responses: {
      200: withEtag("The organization already synced under this betterAuthOrgId"),
      201: withEtag("The created organization"),
      ...errorsFor("CONFLICT", "UNPROCESSABLE_ENTITY"),
    },
  },
);

export const list = guardedRoute(
  { principals: ["service", "user"], scope: "global" },
  {
    method: "get",
    path: base,
    tags,
    summary: "List organizations (a service sees all live ones; a user only their own)",
    request: { query: ListQuerySchema },
    responses: {
      200: {
        description: "A page of organizations",
        content: { "application/json": { schema: OrganizationPageSchema } },
      },
    },
  },
);

export const checkSlug = guardedRoute(
  { principals: ["service", "user"], scope: "global" },
  {
    method: "get",
    path: `${base}/check-slug/{slug}`,
    tags,
    summary: "Whether a slug can be used (format, reserved words, taken incl. deleted orgs)",
    request: { params: SlugParams },
    responses: { 200: dataResponse(CheckSlugSchema, "Availability") },
  },
);

export const getBySlug = guardedRoute(
  { principals: ["service", "user"], scope: "global" },
  {
    method: "get",
    path: `${base}/slug/{slug}`,
    tags,
    summary: "Get an organization by slug (a user only finds their own)",
    request: { params: SlugParams },
    responses: { 200: withEtag("The organization"), ...errorsFor("NOT_FOUND") },
  },
);

export const getByAuthId = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "get",
    path: `${base}/by-auth-id/{betterAuthOrgId}`,
    tags,
    summary: "Get an organization by its Better Auth id (gateway org resolution)",
    request: { params: AuthIdParams },
    responses: { 200: withEtag("The organization"), ...errorsFor("NOT_FOUND") },
  },
);

export const get = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" } },
  {
    method: "get",
    path: `${base}/{id}`,
    tags,
    summary: "Get an organization",
    request: { params: OrgIdParams },
    responses: { 200: withEtag("The organization"), ...errorsFor("NOT_FOUND") },
  },
);

export const update = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "admin" },
  {
    method: "patch",
    path: `${base}/{id}`,
    tags,
    summary: "Update an organization (partial; honours If-Match)",
    request: { params: OrgIdParams, headers: IfMatchHeaders, body: jsonBody(UpdateOrganizationSchema) },
    responses: {
      200: withEtag("The updated organization"),
      ...errorsFor("NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED"),
    },
  },
);

export const remove = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "owner", rateLimit: "orgDelete" },
  {
    method: "delete",
    path: `${base}/{id}`,
    tags,
    summary: "Soft-delete an organization (owner; 5 per 15 minutes per principal; the slug stays reserved)",
    request: { params: OrgIdParams },
    responses: { 204: { description: "Deleted" }, ...errorsFor("NOT_FOUND") },
  },
);

export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type CheckSlugRoute = typeof checkSlug;
export type GetBySlugRoute = typeof getBySlug;
export type GetByAuthIdRoute = typeof getByAuthId;
export type GetRoute = typeof get;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
