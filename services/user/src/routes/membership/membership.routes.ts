import { MembershipSchema, UserSchema } from "@svc/contracts";
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

export type PutMembershipRoute = typeof putMembership;
