import { OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { BuilderParams, CreateOrgBuilderSchema, OrgBuilderSchema } from "./org-builders.schemas";

const tags = ["Org builders"];
const access = { principals: ["service"], scope: "global" } as const;
const base = "/api/v1/organizations/org-builders";

export const create = guardedRoute(
  { ...access, idempotent: true },
  {
    method: "post",
    path: base,
    tags,
    summary: "Start an onboarding draft (any subset of the org's fields)",
    request: { body: jsonBody(CreateOrgBuilderSchema) },
    responses: {
      201: dataResponse(OrgBuilderSchema, "The draft"),
      ...errorsFor("CONFLICT", "UNPROCESSABLE_ENTITY"),
    },
  },
);

export const get = guardedRoute(access, {
  method: "get",
  path: `${base}/{id}`,
  tags,
  summary: "Get a draft (expired, unfinalized drafts are gone)",
  request: { params: BuilderParams },
  responses: { 200: dataResponse(OrgBuilderSchema, "The draft"), ...errorsFor("NOT_FOUND") },
});

export const finalize = guardedRoute(access, {
  method: "post",
  path: `${base}/{id}/finalize`,
  tags,
  summary: "Create the organization (active) from the draft; finalizing again returns the same org",
  request: { params: BuilderParams },
  responses: {
    200: dataResponse(OrganizationSchema, "Already finalized: the organization it created"),
    201: dataResponse(OrganizationSchema, "The created organization"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export type CreateRoute = typeof create;
export type GetRoute = typeof get;
export type FinalizeRoute = typeof finalize;
