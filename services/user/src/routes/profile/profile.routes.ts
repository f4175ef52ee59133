import { UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";
import { MeSchema, OnboardSchema, ProfilePatchSchema } from "./profile.schemas";

const tags = ["Profile"];
const self = { principals: ["user"], scope: "caller" } as const;

export const me = guardedRoute(self, {
  method: "get",
  path: "/api/v1/users/me",
  tags,
  operationId: "getCurrentUser",
  summary: "Get the calling user",
  description:
    "The user the bearer token names, with their organization's lifecycle state: `organizationState` is " +
    "`deleted` while the caller's organization is soft-deleted (its owner may restore it until " +
    "`organizationRestorableUntil`), `unknown` when the org service could not answer.",
  responses: { 200: dataResponse(MeSchema, "The caller"), ...errorsFor("NOT_FOUND") },
});

export const onboard = guardedRoute(self, {
  method: "post",
  path: "/api/v1/users/onboard",
  tags,
  operationId: "onboardCurrentUser",
  summary: "Finish signing up",
  description: "Sets the caller's name (and picture) after signup; their status becomes active.",
  request: { body: jsonBody(OnboardSchema, { name: "Ada Lovelace" }) },
  responses: { 200: dataResponse(UserSchema, "The onboarded caller"), ...errorsFor("NOT_FOUND") },
});

export const patchProfile = guardedRoute(self, {
  method: "patch",
  path: "/api/v1/users/{id}/profile",
  tags,
  operationId: "updateUserProfile",
  summary: "Update one's own name",
  description:
    "Only the user themself. The profile picture is set and removed through `…/profile-picture`; this route " +
    "does not take `profilePictureUrl`.",
  request: { params: UserIdParams, body: jsonBody(ProfilePatchSchema, { name: "Ada King" }) },
  responses: { 200: dataResponse(UserSchema, "The updated user"), ...errorsFor("NOT_FOUND") },
});

export type MeRoute = typeof me;
export type OnboardRoute = typeof onboard;
export type PatchProfileRoute = typeof patchProfile;
