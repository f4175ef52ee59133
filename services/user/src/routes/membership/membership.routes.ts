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
    operationId: "replaceUserMembership",
    summary: "Move a user into an organization",
    description:
      "Service only (the org service, when a user creates an organization or accepts an invitation): sets the " +
      "user's organization and role; permissions reset to the role's defaults. With fromOrganizationId the move " +
      "happens only while the user is still there (409 otherwise).",
    request: {
      params: UserIdParams,
      body: jsonBody(MembershipSchema, {
        organizationId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
        role: "owner",
        fromOrganizationId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3e",
      }),
    },
    responses: { 200: dataResponse(UserSchema, "The moved user"), ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export const moveOutCheck = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/users/{id}/move-out/check",
    tags: ["Membership"],
    operationId: "checkUserMoveOut",
    summary: "Whether a user may leave their organization",
    description:
      "Service only (the org service: create, accept invitation). The one rule for leaving: a member of a deleted organization may always leave; otherwise only a " +
      "user alone in a personal organization, which the moving flow then retires (`retire: true`). The " +
      "org service sends the organization as it knows it; a user no longer in it is a 409.",
    request: {
      params: UserIdParams,
      body: jsonBody(MoveOutCheckSchema, {
        organizationId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
        kind: "personal",
        deleted: false,
      }),
    },
    responses: {
      200: dataResponse(MoveOutVerdictSchema, "The verdict"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);

export type MoveOutCheckRoute = typeof moveOutCheck;
export type PutMembershipRoute = typeof putMembership;
