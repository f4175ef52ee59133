import { MembershipSchema, MoveOutCheckSchema, MoveOutVerdictSchema, UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";

export const putMembership = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "put",
    path: "/api/v1/users/{id}/membership",
    tags: ["Membership"],
    summary: "Move a user into an organization with a role (org service: create, accept invitation)",
    description: "Permissions reset to the role's defaults.",
    request: { params: UserIdParams, body: jsonBody(MembershipSchema) },
    responses: { 200: dataResponse(UserSchema, "The moved user"), ...errorsFor("NOT_FOUND") },
  },
);

export const moveOutCheck = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/users/{id}/move-out/check",
    tags: ["Membership"],
    summary: "Whether a user may leave their organization (org service: create, accept invitation)",
    description:
      "The one rule for leaving: a member of a deleted organization may always leave; otherwise only a " +
      "user alone in a personal organization, which the moving flow then retires (`retire: true`). The " +
      "org service sends the organization as it knows it; a user no longer in it is a 409.",
    request: { params: UserIdParams, body: jsonBody(MoveOutCheckSchema) },
    responses: {
      200: dataResponse(MoveOutVerdictSchema, "The verdict"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);

export type MoveOutCheckRoute = typeof moveOutCheck;
export type PutMembershipRoute = typeof putMembership;
