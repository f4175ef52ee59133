import { z } from "@hono/zod-openapi";
import { AutoJoinRecordSchema, AutoJoinTargetSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import {
  DomainParams,
  DomainSchema,
  LookupParams,
  MAX_DOMAINS,
  PatchDomainSchema,
  PutDomainsSchema,
} from "./domains.schemas";

const tags = ["Domains"];
const base = "/api/v1/organizations/{id}/domains";
const admin = {
  principals: ["service", "user"],
  scope: { param: "id" },
  minRole: "admin",
  feature: "domains",
} as const;

export const list = guardedRoute(admin, {
  method: "get",
  path: base,
  tags,
  operationId: "listOrganizationDomains",
  summary: "The organization's domains and the TXT record that verifies each",
  description:
    "Every claimed domain with its state (pending, verified, failed), the TXT record to publish (`_org-verification.{domain}` holding the token), when it was verified and last checked, and whether auto-join is on. Business and enterprise plans only (403 FEATURE_NOT_AVAILABLE otherwise).",
  request: { params: OrgIdParams },
  responses: {
    200: dataResponse(z.array(DomainSchema).max(MAX_DOMAINS), "The domains"),
    ...errorsFor("NOT_FOUND"),
  },
});

export const replace = guardedRoute(admin, {
  method: "put",
  path: base,
  tags,
  operationId: "replaceOrganizationDomains",
  summary: "Replace the organization's set of domains",
  description:
    "At most 20. Each is normalised (lower-case ASCII, IDN to punycode, no trailing dot); IP addresses, localhost, public suffixes and free-mail domains are refused with 400. New domains start pending with a fresh token, kept ones keep their state, removed ones are deleted. A domain another organization has verified is 409.",
  request: {
    params: OrgIdParams,
    body: jsonBody(PutDomainsSchema, { domains: ["acme.example", "acme-labs.example"] }),
  },
  responses: {
    200: dataResponse(z.array(DomainSchema).max(MAX_DOMAINS), "The domains after the change"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export const verify = guardedRoute(admin, {
  method: "post",
  path: `${base}/{domain}/verify`,
  tags,
  operationId: "verifyOrganizationDomain",
  summary: "Look up the domain's TXT record and verify it",
  description:
    "Asks the DNS-over-HTTPS resolver for the TXT records of `_org-verification.{domain}`. One equal to the token makes the domain verified; otherwise it is failed with the reason (nxdomain, no_txt_record, token_mismatch). A resolver failure or timeout is 503 and changes nothing. 10 attempts per domain per hour. A domain another organization verified first is 409.",
  request: { params: DomainParams },
  responses: {
    200: dataResponse(DomainSchema, "The domain after the check (verified or failed)"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export const update = guardedRoute(admin, {
  method: "patch",
  path: `${base}/{domain}`,
  tags,
  operationId: "updateOrganizationDomain",
  summary: "Turn auto-join on or off for a domain",
  description:
    "With auto-join on, new users who sign up with an email at the domain join the organization as members (within its seat limit) instead of getting a personal organization. Only a verified domain can turn it on (409 otherwise).",
  request: { params: DomainParams, body: jsonBody(PatchDomainSchema, { autoJoin: true }) },
  responses: { 200: dataResponse(DomainSchema, "The domain"), ...errorsFor("NOT_FOUND", "CONFLICT") },
});

export const byDomain = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "get",
    path: "/api/v1/organizations/by-domain/{domain}",
    tags,
    operationId: "getOrganizationByDomain",
    summary: "The organization new users with this email domain auto-join",
    description:
      "The live organization that verified the domain with auto-join on and whose plan includes verified domains, with its plan's seat limit; 404 when there is none. Used by the user service when it syncs a new user.",
    request: { params: LookupParams },
    responses: { 200: dataResponse(AutoJoinTargetSchema, "The organization"), ...errorsFor("NOT_FOUND") },
  },
);

export const recordJoin = guardedRoute(
  { principals: ["service"], scope: { param: "id" } },
  {
    method: "post",
    path: `${base}/{domain}/joins`,
    tags,
    operationId: "recordOrganizationDomainJoin",
    summary: "Record that a new user joined through the domain",
    description:
      "Called by the user service after it added the user as a member: writes the audit entry, only while the domain is still verified with auto-join on and the plan still includes verified domains (409 otherwise, and the user service undoes the join). 404 once the organization is deleted.",
    request: {
      params: DomainParams,
      body: jsonBody(AutoJoinRecordSchema, { userId: "01933b5e-8f4a-7c2d-9e1f-3a4b5c6d7e8f" }),
    },
    responses: { 204: { description: "Recorded" }, ...errorsFor("NOT_FOUND", "CONFLICT") },
  },
);

export type ListRoute = typeof list;
export type ReplaceRoute = typeof replace;
export type VerifyRoute = typeof verify;
export type UpdateRoute = typeof update;
export type ByDomainRoute = typeof byDomain;
export type RecordJoinRoute = typeof recordJoin;
