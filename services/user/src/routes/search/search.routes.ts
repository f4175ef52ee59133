import { cursorPage, UserSchema } from "@svc/contracts";
import { dataResponse, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { CheckEmailsResultSchema, CheckEmailsSchema, SearchEmailQuery } from "./search.schemas";

const tags = ["Search"];

export const searchEmail = guardedRoute(
  { principals: ["user"], scope: "caller" },
  {
    method: "get",
    path: "/api/v1/users/search-email",
    tags,
    operationId: "searchUsersByEmail",
    summary: "Search users by email",
    description:
      "An email prefix (at least 2 characters) searched inside the caller's organization only, " +
      "cursor-paginated.",
    request: { query: SearchEmailQuery },
    responses: {
      200: {
        description: "A page of matching users",
        content: { "application/json": { schema: cursorPage(UserSchema) } },
      },
    },
  },
);

export const checkEmails = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/users/check-emails",
    tags,
    operationId: "checkUserEmails",
    summary: "Check which emails exist",
    description: "Service only: which of up to 100 emails belong to a live user.",
    request: { body: jsonBody(CheckEmailsSchema, { emails: ["ada@acme.example", "grace@acme.example"] }) },
    responses: { 200: dataResponse(CheckEmailsResultSchema, "Existing and missing emails") },
  },
);

export type SearchEmailRoute = typeof searchEmail;
export type CheckEmailsRoute = typeof checkEmails;
