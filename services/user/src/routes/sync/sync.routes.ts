import { UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";
import { IdentityPatchSchema, SyncResponseSchema, SyncUserSchema } from "./sync.schemas";

const synced = (description: string) => ({
  description,
  content: { "application/json": { schema: SyncResponseSchema } },
});

export const sync = guardedRoute(
  { principals: ["service"], scope: "global", idempotent: true },
  {
    method: "post",
    path: "/api/v1/users",
    tags: ["Users"],
    operationId: "syncUser",
    summary: "Sync a user from the auth service",
    description:
      "201 when the user is new, 200 when it already existed (same id). A new user whose email domain an organization has verified with auto-join on joins it as a member (`autoJoin.joined`); when its seat limit is reached they get a personal organization and `autoJoin.reason` says why. A user without an organization otherwise gets a personal one from the org service; if that fails the answer is 503 and nothing is left half-made. Sync never moves an existing user.",
    request: {
      body: jsonBody(SyncUserSchema, {
        betterAuthUserId: "ba_user_123",
        email: "ada@acme.example",
        name: "Ada",
      }),
    },
    responses: {
      200: synced("The existing user"),
      201: synced(
        "The created user: a member of the organization it auto-joined, or owner of its personal one",
      ),
      ...errorsFor("CONFLICT"),
    },
  },
);

export const updateIdentity = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "patch",
    path: "/api/v1/users/{id}",
    tags: ["Users"],
    operationId: "updateUserIdentity",
    summary: "Sync a changed email or name from the auth service",
    description:
      "Better Auth owns the identity; this keeps the user service's copy equal to it. The email is stored " +
      "lower-case; one taken by another live user is a 409, and nothing changes.",
    request: {
      params: UserIdParams,
      body: jsonBody(IdentityPatchSchema, { email: "ada.lovelace@acme.example", name: "Ada Lovelace" }),
    },
    responses: { 200: dataResponse(UserSchema, "The updated user"), ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export type SyncRoute = typeof sync;
export type UpdateIdentityRoute = typeof updateIdentity;
