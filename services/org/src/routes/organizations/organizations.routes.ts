import { OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { CreateOrganizationSchema } from "../../core/organizations.schemas";
import { guardedRoute } from "../../lib/access";
import { createdEtagHeader, etagHeader, IfMatchHeaders, staleResponse } from "../../lib/etag";
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
    operationId: "createOrganization",
    summary: "Create an organization",
    description:
      "A service may sync from the auth service (betterAuthOrgId: an idempotent upsert, 200 when known) " +
      "or provision a personal org. A user may create one only while alone in their personal org: they " +
      "move in as owner and the personal org is soft-deleted.",
    request: {
      body: jsonBody(CreateOrganizationSchema, {
        name: "Acme Inc",
        slug: "acme",
        websiteUrl: "https://acme.example",
      }),
    },
    responses: {
      200: {
        ...dataResponse(OrganizationSchema, "The organization already synced under this betterAuthOrgId"),
        headers: createdEtagHeader,
      },
      201: { ...dataResponse(OrganizationSchema, "The created organization"), headers: createdEtagHeader },
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
    operationId: "listOrganizations",
    summary: "List organizations",
    description:
      "A service sees every live organization; a user only their own. Searchable by name or slug prefix, " +
      "sortable, paginated by page or by cursor.",
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
    operationId: "checkOrganizationSlug",
    summary: "Check a slug",
    description:
      "Whether a slug can be used, and if not why: its format, a reserved word, or taken (deleted " +
      "organizations keep their slug).",
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
    operationId: "getOrganizationBySlug",
    summary: "Get an organization by slug",
    description: "A user only finds their own organization; any other slug is 404. Sends an ETag.",
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
    operationId: "getOrganizationByAuthId",
    summary: "Get an organization by Better Auth id",
    description: "Service only: the gateway resolves Better Auth's organization id to ours. Sends an ETag.",
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
    operationId: "getOrganization",
    summary: "Get an organization",
    description: "The tenant's organization. Sends an ETag for If-Match.",
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
    operationId: "updateOrganization",
    summary: "Update an organization",
    description:
      "Admins: a partial update; a new slug is checked again (409 when taken). Honours If-Match (a stale ETag " +
      "is 412).",
    request: {
      params: OrgIdParams,
      headers: IfMatchHeaders,
      body: jsonBody(UpdateOrganizationSchema, {
        name: "Acme Corporation",
        description: "Widgets since 1949",
      }),
    },
    responses: {
      200: withEtag("The updated organization"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
      ...staleResponse,
    },
  },
);

export const remove = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "owner", rateLimit: "orgDelete" },
  {
    method: "delete",
    path: `${base}/{id}`,
    tags,
    operationId: "deleteOrganization",
    summary: "Delete an organization",
    description:
      "Owners: a soft delete; the organization is then 404 everywhere and its slug stays reserved. Limited to " +
      "5 per 15 minutes per principal.",
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
