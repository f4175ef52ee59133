import { cursorPage, OrganizationSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { OrgIdParams } from "../../lib/params";
import {
  CreateInvitationSchema,
  InvitationListQuery,
  InvitationParams,
  InvitationPreviewSchema,
  InvitationSchema,
  IssuedInvitationSchema,
  TokenSchema,
} from "./invitations.schemas";

const tags = ["Invitations"];
const manage = {
  principals: ["service", "user"],
  scope: { param: "id" },
  minRole: "admin",
  permission: "teamManagement",
} as const;

const inviteConfig = <P extends string>(path: P, operationId: string, summary: string) => ({
  method: "post" as const,
  path,
  tags,
  operationId,
  summary,
  description:
    "Invites an email into the organization with role member or admin. The answer carries the " +
    "invitation and its `inviteUrl` (`{APP_BASE_URL}/join/{slug}/{token}`), which only this route and " +
    "resend return. A plan without invitations (personal, or a team whose subscription lapsed) is " +
    "403 FEATURE_NOT_AVAILABLE, and so is an organization whose members plus pending invitations " +
    "fill its plan's seats. An email that already belongs to a member, or already has a pending " +
    "invitation here, is 409. `Idempotency-Key` replays the first answer.",
  request: {
    params: OrgIdParams,
    body: jsonBody(CreateInvitationSchema, { email: "grace@acme.example", role: "member" }),
  },
  responses: {
    201: dataResponse(IssuedInvitationSchema, "The invitation and its link"),
    ...errorsFor("NOT_FOUND", "CONFLICT", "FEATURE_NOT_AVAILABLE", "SERVICE_UNAVAILABLE"),
  },
});

/** Create (at both paths) takes a seat on a plan with invitations; Idempotency-Key replays it. */
const invite = { ...manage, idempotent: true, feature: "invitations" } as const;

export const create = guardedRoute(
  invite,
  inviteConfig(
    "/api/v1/organizations/{id}/invitations",
    "createOrganizationInvitation",
    "Invite someone into the organization by email",
  ),
);

/** The specification names both paths for the same operation. */
export const addMember = guardedRoute(
  invite,
  inviteConfig(
    "/api/v1/organizations/{id}/members",
    "addOrganizationMember",
    "Add a member: invites them by email (as POST …/invitations)",
  ),
);

export const list = guardedRoute(manage, {
  method: "get",
  path: "/api/v1/organizations/{id}/invitations",
  tags,
  operationId: "listOrganizationInvitations",
  summary: "List the organization's invitations, newest first",
  description:
    "Keyset-paginated (`cursor`, `limit`). `status` filters; a pending invitation past its expiry " +
    "reads and filters as `expired` without being rewritten.",
  request: { params: OrgIdParams, query: InvitationListQuery },
  responses: {
    200: {
      description: "A page of invitations",
      content: { "application/json": { schema: cursorPage(InvitationSchema) } },
    },
    ...errorsFor("NOT_FOUND"),
  },
});

export const revoke = guardedRoute(manage, {
  method: "post",
  path: "/api/v1/organizations/{id}/invitations/{invId}/revoke",
  tags,
  operationId: "revokeOrganizationInvitation",
  summary: "Revoke a pending invitation",
  description: "Its link stops working at once. An invitation that is no longer pending is 409.",
  request: { params: InvitationParams },
  responses: {
    200: dataResponse(InvitationSchema, "The revoked invitation"),
    ...errorsFor("NOT_FOUND", "CONFLICT"),
  },
});

export const resend = guardedRoute(
  { ...manage, feature: "invitations" },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/invitations/{invId}/resend",
    tags,
    operationId: "resendOrganizationInvitation",
    summary: "Resend an invitation with a new link",
    description:
      "Rotates the token (the previous link stops working), restarts the expiry and returns the new " +
      "`inviteUrl`. Only a pending invitation (expired or not) can be resent; others are 409. An " +
      "expired one takes a seat again, so a full organization is 403 FEATURE_NOT_AVAILABLE.",
    request: { params: InvitationParams },
    responses: {
      200: dataResponse(IssuedInvitationSchema, "The invitation and its new link"),
      ...errorsFor("NOT_FOUND", "CONFLICT", "FEATURE_NOT_AVAILABLE"),
    },
  },
);

export const accept = guardedRoute(
  { principals: ["user"], scope: "caller" },
  {
    method: "post",
    path: "/api/v1/invitations/accept",
    tags,
    operationId: "acceptInvitation",
    summary: "Accept an invitation and move into its organization",
    description:
      "The token travels in the body, never in a URL, and is the tenant proof (no X-Organization-Id " +
      "needed). The caller's email must be the invitation's (403). The caller moves when the user " +
      "service's move-out rule lets them leave: alone in their personal organization (retired) or " +
      "a member of a deleted one; otherwise 409 ALREADY_IN_ORGANIZATION. When the organization's " +
      "members already fill its plan's seats, 403 FEATURE_NOT_AVAILABLE. Accepting again as the " +
      "same user answers the same 200; an unknown or rotated token is 404; a revoked, expired or " +
      "someone else's accepted invitation is 409.",
    request: { body: jsonBody(TokenSchema, { token: "inv_3q2-8kL0vWmZP4bX9cYtA1sD5fGhJ7nE" }) },
    responses: {
      200: dataResponse(OrganizationSchema, "The organization the caller now belongs to"),
      ...errorsFor("NOT_FOUND", "CONFLICT", "FEATURE_NOT_AVAILABLE", "SERVICE_UNAVAILABLE"),
    },
  },
);

export const lookup = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/invitations/lookup",
    tags,
    operationId: "lookupInvitation",
    summary: "What a join page may show about an invitation token",
    description:
      "For the gateway's join page: the organization's name, slug and logo, the inviter's name, the " +
      "role, expiry and status, nothing else. An unknown token is 404.",
    request: { body: jsonBody(TokenSchema, { token: "inv_3q2-8kL0vWmZP4bX9cYtA1sD5fGhJ7nE" }) },
    responses: {
      200: dataResponse(InvitationPreviewSchema, "The invitation's preview"),
      ...errorsFor("NOT_FOUND"),
    },
  },
);

export type CreateRoute = typeof create;
export type AddMemberRoute = typeof addMember;
export type ListRoute = typeof list;
export type RevokeRoute = typeof revoke;
export type ResendRoute = typeof resend;
export type AcceptRoute = typeof accept;
export type LookupRoute = typeof lookup;
