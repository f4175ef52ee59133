import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import {
  FinalizeSchema,
  LogoFormSchema,
  LogoSchema,
  UploadTicketRequestSchema,
  UploadTicketSchema,
} from "./logo.schemas";

const tags = ["Logo"];
const admin = { principals: ["service", "user"], scope: { param: "id" }, minRole: "admin" } as const;
const rules =
  "The bytes decide: PNG, JPEG or WebP by signature and structure (SVG and anything else: 415), " +
  "at most 5 MB (413) and 4096 × 4096 pixels (400). The image is stored once per content under " +
  "`logos/{orgId}/{sha256}.{ext}`; the previous logo object is deleted once the change is saved.";

export const upload = guardedRoute(admin, {
  method: "post",
  path: "/api/v1/organizations/{id}/settings/branding/logo",
  tags,
  operationId: "uploadOrganizationLogo",
  summary: "Upload the organization's logo (multipart field `logo`)",
  description: rules,
  request: {
    params: OrgIdParams,
    body: { required: true, content: { "multipart/form-data": { schema: LogoFormSchema } } },
  },
  responses: {
    200: dataResponse(LogoSchema, "The new logo URL"),
    ...errorsFor("NOT_FOUND", "PAYLOAD_TOO_LARGE"),
  },
});

export const remove = guardedRoute(admin, {
  method: "delete",
  path: "/api/v1/organizations/{id}/settings/branding/logo",
  tags,
  operationId: "deleteOrganizationLogo",
  summary: "Remove the organization's logo",
  description: "Clears branding's logoUrl (and the organization's) and deletes the stored object.",
  request: { params: OrgIdParams },
  responses: { 204: { description: "Removed (also when there was none)" }, ...errorsFor("NOT_FOUND") },
});

export const ticket = guardedRoute(admin, {
  method: "post",
  path: "/api/v1/organizations/{id}/logo/upload-ticket",
  tags,
  operationId: "createOrganizationLogoUploadTicket",
  summary: "Start a two-step logo upload: a short-lived URL to PUT the bytes to",
  description:
    "Declare the content type (image/png, image/jpeg or image/webp; else 415) and the exact length " +
    "(at most 5 MB; else 413). PUT exactly those bytes to `uploadUrl` with `headers`, then call " +
    "finalize with `tmpKey`. The URL is an R2 presigned S3 URL when R2 S3 credentials are configured, " +
    "else this worker's `PUT /api/v1/uploads/{token}`. Either way it expires after `expiresInSeconds`.",
  request: {
    params: OrgIdParams,
    body: jsonBody(UploadTicketRequestSchema, { contentType: "image/png", contentLength: 20_480 }),
  },
  responses: {
    201: dataResponse(UploadTicketSchema, "Where and how to upload"),
    ...errorsFor("NOT_FOUND", "PAYLOAD_TOO_LARGE"),
  },
});

export const finalize = guardedRoute(admin, {
  method: "post",
  path: "/api/v1/organizations/{id}/logo/finalize",
  tags,
  operationId: "finalizeOrganizationLogo",
  summary: "Publish an uploaded logo",
  description: `${rules} A tmpKey that does not exist, has expired or belongs to another organization is 404; one already finalized, or whose bytes have not arrived yet, is 409.`,
  request: {
    params: OrgIdParams,
    body: jsonBody(FinalizeSchema, { tmpKey: "tmp/0192f1c5-1b2c-7d3e-8f4a-5b6c7d8e9f0a" }),
  },
  responses: {
    200: dataResponse(LogoSchema, "The new logo URL"),
    ...errorsFor("NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE"),
  },
});

export const removeTwoStep = guardedRoute(admin, {
  method: "post",
  path: "/api/v1/organizations/{id}/logo/remove",
  tags,
  operationId: "removeOrganizationLogo",
  summary: "Remove the organization's logo (two-step API)",
  description:
    "The same as DELETE …/settings/branding/logo: clears branding's logoUrl (and the organization's) and " +
    "deletes the stored object.",
  request: { params: OrgIdParams },
  responses: { 204: { description: "Removed (also when there was none)" }, ...errorsFor("NOT_FOUND") },
});

export type UploadRoute = typeof upload;
export type TicketRoute = typeof ticket;
export type FinalizeRoute = typeof finalize;
