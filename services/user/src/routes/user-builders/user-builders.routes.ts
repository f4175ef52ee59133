import { UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { BuilderIdParams, CreateBuilderSchema, UserBuilderSchema } from "./user-builders.schemas";

const tags = ["User builders"];
const service = { principals: ["service"], scope: "global" } as const;

export const createBuilder = guardedRoute(
  { ...service, idempotent: true },
  {
    method: "post",
    path: "/api/v1/user-builders",
    tags,
    summary: "Start an onboarding draft (expires)",
    request: { body: jsonBody(CreateBuilderSchema) },
    responses: { 201: dataResponse(UserBuilderSchema, "The draft") },
  },
);

export const getBuilder = guardedRoute(service, {
  method: "get",
  path: "/api/v1/user-builders/{id}",
  tags,
  summary: "Get a draft (an expired, unfinalized draft is not found)",
  request: { params: BuilderIdParams },
  responses: { 200: dataResponse(UserBuilderSchema, "The draft"), ...errorsFor("NOT_FOUND") },
});

export const finalizeBuilder = guardedRoute(service, {
  method: "post",
  path: "/api/v1/user-builders/{id}/finalize",
  tags,
  summary: "Turn a draft into an active user; repeating it returns the same user",
  request: { params: BuilderIdParams },
  responses: {
    200: dataResponse(UserSchema, "Already finalized: the same user"),
    201: dataResponse(UserSchema, "The created user"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export type CreateBuilderRoute = typeof createBuilder;
export type GetBuilderRoute = typeof getBuilder;
export type FinalizeBuilderRoute = typeof finalizeBuilder;
