import { z } from "@hono/zod-openapi";
import { dataResponse, errorsFor } from "@svc/platform";
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
    summary: "The latest generated context and the latest job's status",
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
    summary: "Queue a context generation job (or return the one already queued or running)",
    request: {
      params: OrgIdParams,
      body: { required: false, content: { "application/json": { schema: TriggerSchema } } },
    },
    responses: {
      202: dataResponse(JobSchema, "The queued (or already active) job"),
      ...errorsFor("NOT_FOUND", "FEATURE_NOT_AVAILABLE"),
    },
  },
);

export type GetRoute = typeof get;
export type TriggerRoute = typeof trigger;
