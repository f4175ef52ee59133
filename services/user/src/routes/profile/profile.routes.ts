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
  summary: "The calling user, with their organization's lifecycle state",
  description:
    "`organizationState` is `deleted` while the caller's organization is soft-deleted (its owner may " +
    "restore it until `organizationRestorableUntil`), `unknown` when the org service could not answer.",
  responses: { 200: dataResponse(MeSchema, "The caller"), ...errorsFor("NOT_FOUND") },
});

export const onboard = guardedRoute(self, {
  method: "post",
  path: "/api/v1/users/onboard",
  tags,
  summary: "Finish the caller's profile after signup; status becomes active",
  request: { body: jsonBody(OnboardSchema) },
  responses: { 200: dataResponse(UserSchema, "The onboarded caller"), ...errorsFor("NOT_FOUND") },
});

export const patchProfile = guardedRoute(self, {
  method: "patch",
  path: "/api/v1/users/{id}/profile",
  tags,
  summary: "Update one's own name",
  description:
    "The profile picture is set and removed through `…/profile-picture`; this route no longer takes `profilePictureUrl`.",
  request: { params: UserIdParams, body: jsonBody(ProfilePatchSchema) },
  responses: { 200: dataResponse(UserSchema, "The updated user"), ...errorsFor("NOT_FOUND") },
});

export type MeRoute = typeof me;
export type OnboardRoute = typeof onboard;
export type PatchProfileRoute = typeof patchProfile;
