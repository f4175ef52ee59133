import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OnboardedSchema, OnboardSchema } from "./onboarding.schemas";

export const onboard = guardedRoute(
  { principals: ["service"], scope: "global", idempotent: true },
  {
    method: "post",
    path: "/api/v1/organizations/onboard",
    tags: ["Onboarding"],
    summary: "Organization + owner user (user service) + first API key in one call",
    description:
      "Honours Idempotency-Key. A failure part-way undoes what was made (the org rows and key here, " +
      "the user through the user service) and answers 503 naming the dependency that failed.",
    request: { body: jsonBody(OnboardSchema) },
    responses: {
      201: dataResponse(OnboardedSchema, "Everything was created"),
      ...errorsFor("CONFLICT", "UNPROCESSABLE_ENTITY"),
    },
  },
);
export type OnboardRoute = typeof onboard;
