import { UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";
import { OnboardSchema, ProfilePatchSchema } from "./profile.schemas";

const tags = ["Profile"];
const self = { principals: ["user"], scope: "caller" } as const;

export const me = guardedRoute(self, {
  method: "get",
  path: "/api/v1/users/me",
  tags,
  operationId: "getCurrentUser",
  summary: "Get the calling user",
  description: "The user the bearer token names.",
  responses: { 200: dataResponse(UserSchema, "The caller"), ...errorsFor("NOT_FOUND") },
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
  summary: "Update one's own profile",
  description: "The name, the profile picture URL or both; only the user themself.",
  request: {
    params: UserIdParams,
    body: jsonBody(ProfilePatchSchema, {
      name: "Ada King",
      profilePictureUrl: "https://cdn.example.com/u/1.png",
    }),
  },
  responses: { 200: dataResponse(UserSchema, "The updated user"), ...errorsFor("NOT_FOUND") },
});

export type MeRoute = typeof me;
export type OnboardRoute = typeof onboard;
export type PatchProfileRoute = typeof patchProfile;
