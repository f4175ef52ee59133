import type { User } from "@svc/contracts";
import { apiDocument } from "@svc/platform";
import { user } from "../db/schema";
import type { UserRecord } from "./users";

/** What the API answers for a user: every column but deletedAt; permissions as JSON. */
export const userDocument = apiDocument(user, {
  plain: [
    "id",
    "betterAuthUserId",
    "organizationId",
    "email",
    "name",
    "profilePictureUrl",
    "onboardingId",
    "status",
    "role",
  ],
  json: ["permissions"],
  times: ["createdAt", "updatedAt"],
});

export const toUser = (row: UserRecord): User => userDocument.fromRow(row);
