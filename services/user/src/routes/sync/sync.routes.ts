import { UserSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { SyncUserSchema } from "./sync.schemas";

export const sync = guardedRoute(
  { principals: ["service"], scope: "global", idempotent: true },
  {
    method: "post",
    path: "/api/v1/users",
    tags: ["Users"],
    operationId: "syncUser",
    summary: "Sync a user from the auth service",

    description:
      "Service only: an idempotent upsert on betterAuthUserId that provisions the personal organization. 201 when the user is new, 200 when it already existed (same id). A user without an organization gets a personal one from the org service; if that fails the answer is 503 and nothing is left half-made.",
    request: {
      body: jsonBody(SyncUserSchema, {
        betterAuthUserId: "ba_user_123",
        email: "ada@acme.example",
        name: "Ada",
      }),
    },
    responses: {
      200: dataResponse(UserSchema, "The existing user"),
      201: dataResponse(UserSchema, "The created user, owner of its personal organization"),
      ...errorsFor("CONFLICT"),
    },
  },
);

export type SyncRoute = typeof sync;
