import { OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { CreateOrganizationSchema, OrgIdParams } from "./organizations.schemas";

const tags = ["Organizations"];

export const create = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/organizations",
    tags,
    summary: "Create an organization",
    request: { body: jsonBody(CreateOrganizationSchema) },
    responses: {
      201: dataResponse(OrganizationSchema, "The created organization"),
      ...errorsFor("CONFLICT"),
    },
  },
);

export const get = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" } },
  {
    method: "get",
    path: "/api/v1/organizations/{id}",
    tags,
    summary: "Get an organization",
    request: { params: OrgIdParams },
    responses: {
      200: dataResponse(OrganizationSchema, "The organization"),
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export type CreateRoute = typeof create;
export type GetRoute = typeof get;
