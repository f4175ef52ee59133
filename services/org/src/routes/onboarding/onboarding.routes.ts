import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OnboardedSchema, OnboardSchema } from "./onboarding.schemas";

export const onboard = guardedRoute(
  { principals: ["service"], scope: "global", idempotent: true },
  {
    method: "post",
    path: "/api/v1/organizations/onboard",
    tags: ["Onboarding"],
    operationId: "onboardOrganization",
    summary: "Onboard an organization",
    description:
      "Service only: the organization, its owner (created in the user service) and its first API key in one " +
      "call. Honours Idempotency-Key. A failure part-way undoes what was made (the org rows and key here, " +
      "the user through the user service) and answers 503 naming the dependency that failed.",
    request: {
      body: jsonBody(OnboardSchema, {
        organization: { name: "Acme Inc", slug: "acme" },
        owner: { betterAuthUserId: "ba_user_123", email: "ada@acme.example", name: "Ada Lovelace" },
        apiKey: { name: "Default", scopes: [] },
      }),
    },
    responses: {
      201: dataResponse(OnboardedSchema, "Everything was created"),
      ...errorsFor("CONFLICT", "UNPROCESSABLE_ENTITY"),
    },
  },
);
export type OnboardRoute = typeof onboard;
