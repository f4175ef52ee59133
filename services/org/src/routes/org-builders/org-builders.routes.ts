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
    operationId: "createOrgBuilder",
    summary: "Start an organization draft",
    description:
      "Service only: an onboarding draft holding any subset of the organization's fields, kept until it " +
      "expires (default 7 days). Honours Idempotency-Key.",
    request: { body: jsonBody(CreateOrgBuilderSchema, { name: "Acme Inc", expiresInSeconds: 86_400 }) },
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
  operationId: "getOrgBuilder",
  summary: "Get an organization draft",
  description: "Service only. An expired draft that was never finalized is 404.",
  request: { params: BuilderParams },
  responses: { 200: dataResponse(OrgBuilderSchema, "The draft"), ...errorsFor("NOT_FOUND") },
});

export const finalize = guardedRoute(access, {
  method: "post",
  path: `${base}/{id}/finalize`,
  tags,
  operationId: "finalizeOrgBuilder",
  summary: "Finalize an organization draft",
  description:
    "Service only: validates the draft and creates the organization (status active, 201). Finalizing again " +
    "returns the organization it created (200).",
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
