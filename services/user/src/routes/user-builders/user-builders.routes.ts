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
    operationId: "createUserBuilder",
    summary: "Start a user draft",
    description:
      "Service only: an onboarding draft of a user, kept until it expires (default one day). Honours " +
      "Idempotency-Key.",
    request: {
      body: jsonBody(CreateBuilderSchema, {
        email: "ada@acme.example",
        name: "Ada",
        expiresInSeconds: 86_400,
      }),
    },
    responses: { 201: dataResponse(UserBuilderSchema, "The draft") },
  },
);

export const getBuilder = guardedRoute(service, {
  method: "get",
  path: "/api/v1/user-builders/{id}",
  tags,
  operationId: "getUserBuilder",
  summary: "Get a user draft",
  description: "Service only. An expired draft that was never finalized is 404.",
  request: { params: BuilderIdParams },
  responses: { 200: dataResponse(UserBuilderSchema, "The draft"), ...errorsFor("NOT_FOUND") },
});

export const finalizeBuilder = guardedRoute(service, {
  method: "post",
  path: "/api/v1/user-builders/{id}/finalize",
  tags,
  operationId: "finalizeUserBuilder",
  summary: "Finalize a user draft",
  description:
    "Service only: turns the draft into an active user (201); repeating it returns the same user (200).",
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
