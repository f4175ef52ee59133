import { OrganizationLifecycleSchema, OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { etagHeader } from "../../lib/etag";
import { OrgIdParams } from "../../lib/params";
import { TransferOwnershipSchema, TransferResultSchema } from "./lifecycle.schemas";

const tags = ["Lifecycle"];
const base = "/api/v1/organizations/{id}";

export const restore = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" }, minRole: "owner", reachesDeletedOrg: true },
  {
    method: "post",
    path: `${base}/restore`,
    tags,
    operationId: "restoreOrganization",
    summary: "Restore a soft-deleted organization",
    description:
      "Owners: undoes a soft delete made less than `RESTORE_WINDOW_DAYS` (default 30) days ago. The slug stayed " +
      "reserved, so restoring cannot conflict; members who did not move out are members again. After the " +
      "window (or once purged) the organization is 404; a live organization is a 409. The organization " +
      "delete limit does not apply.",
    request: { params: OrgIdParams },
    responses: {
      200: { ...dataResponse(OrganizationSchema, "The restored organization"), headers: etagHeader },
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);

export const transferOwnership = guardedRoute(
  { principals: ["user"], scope: { param: "id" }, minRole: "owner" },
  {
    method: "post",
    path: `${base}/transfer-ownership`,
    tags,
    operationId: "transferOrganizationOwnership",
    summary: "Hand the organization's ownership to another member",
    description:
      "The target, a live member of the same organization, becomes owner and the caller admin, in one " +
      "D1 batch in the user service (which owns roles): the target is promoted only while the caller " +
      "is still an owner, so the organization never has zero owners. 404: not a member; 409: the caller " +
      "is no longer an owner. A user principal only: a service key has no ownership to hand over.",
    request: {
      params: OrgIdParams,
      body: jsonBody(TransferOwnershipSchema, { userId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d" }),
    },
    responses: {
      200: dataResponse(TransferResultSchema, "Who owns the organization now"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);

export const lifecycle = guardedRoute(
  { principals: ["service"], scope: { param: "id" }, reachesDeletedOrg: true },
  {
    method: "get",
    path: `${base}/lifecycle`,
    tags,
    operationId: "getOrganizationLifecycle",
    summary: "Get an organization's lifecycle state",
    description:
      "Service only, deleted organizations included: " +
      "`active`, or `deleted` with when and until when it can be restored. 404 once purged. The user " +
      "service answers `GET /users/me` with it.",
    request: { params: OrgIdParams },
    responses: {
      200: dataResponse(OrganizationLifecycleSchema, "The lifecycle state"),
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export type RestoreRoute = typeof restore;
export type TransferOwnershipRoute = typeof transferOwnership;
export type LifecycleRoute = typeof lifecycle;
