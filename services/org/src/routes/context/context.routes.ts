import { z } from "@hono/zod-openapi";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import { ContextSchema, JobSchema, TriggerSchema } from "./context.schemas";

const tags = ["Context"];

export const get = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" } },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/context",
    tags,
    operationId: "getOrganizationContext",
    summary: "Get the AI context",
    description:
      "The latest generated context (null while the first job runs) and the latest job's status; 404 when no " +
      "context was ever requested.",
    request: { params: OrgIdParams },
    responses: {
      200: dataResponse(
        z.object({ context: ContextSchema.nullable(), job: JobSchema.nullable() }),
        "The latest context (null while the first job runs) and the latest job",
      ),
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export const trigger = guardedRoute(
  {
    principals: ["service", "user"],
    scope: { param: "id" },
    minRole: "admin",
    idempotent: true,
    feature: "context",
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/context/trigger",
    tags,
    operationId: "triggerOrganizationContext",
    summary: "Generate the AI context",
    description:
      "Admins and services: queues one context generation job (202). A trigger while a job is queued or " +
      "running returns that job instead of queueing another.",
    request: {
      params: OrgIdParams,
      body: { ...jsonBody(TriggerSchema, { crawlId: "crawl-2026-01-01" }), required: false },
    },
    responses: {
      202: dataResponse(JobSchema, "The queued (or already active) job"),
      ...errorsFor("NOT_FOUND", "FEATURE_NOT_AVAILABLE"),
    },
  },
);

export type GetRoute = typeof get;
export type TriggerRoute = typeof trigger;
