import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import { CheckoutSchema, EntitlementsSchema, PortalSchema, RedirectSchema } from "./billing.schemas";

const tags = ["Billing"];
const owner = { principals: ["service", "user"], scope: { param: "id" }, minRole: "owner" } as const;

export const entitlements = guardedRoute(
  { principals: ["service", "user"], scope: { param: "id" } },
  {
    method: "get",
    path: "/api/v1/organizations/{id}/entitlements",
    tags,
    operationId: "getOrganizationEntitlements",
    summary: "Get the organization's entitlements",
    description:
      "What the organization's plan includes now, and how much of it is used. " +
      "The plan follows the subscription: business while active, trialing or paused (and past_due " +
      "within the grace period), enterprise when set by a service, the free personal limits otherwise. " +
      "Seats used are the members counted by the user service; pending are the invitations that hold " +
      "a seat (not accepted, revoked or expired).",
    request: { params: OrgIdParams },
    responses: {
      200: dataResponse(EntitlementsSchema, "The organization's entitlements"),
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export const checkout = guardedRoute(owner, {
  method: "post",
  path: "/api/v1/organizations/{id}/billing/checkout",
  tags,
  operationId: "createOrganizationCheckoutSession",
  summary: "Start a Stripe Checkout for the business plan",
  description:
    "Creates a Stripe Checkout Session in subscription mode and returns its URL. The Stripe customer " +
    "is created on first use (once, even under concurrent checkouts) and stored on the organization. " +
    "successUrl and cancelUrl must be https (http only for localhost outside production) on a host " +
    "listed in BILLING_REDIRECT_HOSTS.",
  request: {
    params: OrgIdParams,
    body: jsonBody(CheckoutSchema, {
      seats: 5,
      successUrl: "https://app.acme.example/billing/done",
      cancelUrl: "https://app.acme.example/billing",
    }),
  },
  responses: {
    201: dataResponse(RedirectSchema, "The Checkout Session's URL"),
    ...errorsFor("NOT_FOUND"),
  },
});

export const portal = guardedRoute(owner, {
  method: "post",
  path: "/api/v1/organizations/{id}/billing/portal",
  tags,
  operationId: "createOrganizationPortalSession",
  summary: "Open the Stripe customer portal",
  description:
    "Returns a Stripe billing portal URL for the organization's customer; 409 when the organization " +
    "has no Stripe customer yet (start with a checkout). returnUrl follows the checkout URL rules.",
  request: {
    params: OrgIdParams,
    body: jsonBody(PortalSchema, { returnUrl: "https://app.acme.example/billing" }),
  },
  responses: {
    200: dataResponse(RedirectSchema, "The portal session's URL"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export type EntitlementsRoute = typeof entitlements;
export type CheckoutRoute = typeof checkout;
export type PortalRoute = typeof portal;
