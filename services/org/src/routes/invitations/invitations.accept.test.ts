import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import {
  acceptInvitation,
  callWith,
  createOrg,
  createUser,
  invite,
  memberOf,
  personalUser,
  userServiceWith,
} from "../../../test/helpers";

const issuer = await fileIssuer();

/** The user's row as the user service holds it now. */
const userRow = async (user: { betterAuthUserId: string }) => {
  const res = await env.USER_SERVICE.fetch(
    `http://user-service/api/v1/users/by-auth-id/${user.betterAuthUserId}`,
    {
      headers: serviceHeaders(),
    },
  );
  return (await expectData<{ data: User }>(res, 200)).data;
};
const orgRow = (id: string) =>
  env.DB.prepare("select deleted_at from organization where id = ?")
    .bind(id)
    .first<{ deleted_at: number | null }>();
const invitationRow = (id: string) =>
  env.DB.prepare("select status, accepted_by from invitation where id = ?").bind(id).first();

/** A business org with an invitation for a user alone in their personal org. */
async function invited(role: "member" | "admin" = "member") {
  const org = await createOrg();
  const invitee = await personalUser(issuer);
  const issued = await invite(org.id, invitee.user.email.toUpperCase(), role);
  return { org, invitee, issued };
}

describe("POST /api/v1/invitations/accept", () => {
  it("moves the invitee in with the invited role and retires their personal org, audited", async () => {
    const { org, invitee, issued } = await invited("admin");
    const res = await acceptInvitation(issued.token, invitee.headers);
    const { data } = await expectData<{ data: Organization }>(res, 200);
    expect(data).toMatchObject({ id: org.id, slug: org.slug });

    expect(await userRow(invitee.user)).toMatchObject({ organizationId: org.id, role: "admin" });
    expect((await orgRow(invitee.org.id))!.deleted_at).toEqual(expect.any(Number));
    expect(await invitationRow(issued.invitation.id)).toEqual({
      status: "accepted",
      accepted_by: invitee.user.id,
    });
    const audit = await rowsOf(
      env.DB,
      "select action, organization_id from audit_log where resource_id in (?, ?) order by id",
      issued.invitation.id,
      invitee.org.id,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "invitation.accept", organization_id: org.id },
        { action: "organization.delete", organization_id: invitee.org.id },
      ]),
    );
  });

  it("answers the same 200 when the same user accepts again, and changes nothing", async () => {
    const { org, invitee, issued } = await invited();
    await expectData(await acceptInvitation(issued.token, invitee.headers), 200);
    const again = await acceptInvitation(issued.token, invitee.headers);
    expect((await expectData<{ data: Organization }>(again, 200)).data.id).toBe(org.id);
    const accepts = await rowsOf(
      env.DB,
      "select id from audit_log where resource_id = ? and action = 'invitation.accept'",
      issued.invitation.id,
    );
    expect(accepts).toHaveLength(1);
  });

  it("refuses a caller whose email is not the invitation's (403), even after it was accepted", async () => {
    const { invitee, issued } = await invited();
    const stranger = await personalUser(issuer);
    await expectError(await acceptInvitation(issued.token, stranger.headers), 403, "FORBIDDEN");
    await expectData(await acceptInvitation(issued.token, invitee.headers), 200);
    await expectError(await acceptInvitation(issued.token, stranger.headers), 403, "FORBIDDEN");
    expect((await userRow(stranger.user)).organizationId).toBe(stranger.org.id);
  });

  it("refuses an expired invitation (409) and leaves the invitee where they were", async () => {
    const { invitee, issued } = await invited();
    await env.DB.prepare("update invitation set expires_at = ? where id = ?")
      .bind(Date.now() - 1, issued.invitation.id)
      .run();
    const body = await expectError(await acceptInvitation(issued.token, invitee.headers), 409, "CONFLICT");
    expect(body.error.message).toContain("expired");
    expect((await userRow(invitee.user)).organizationId).toBe(invitee.org.id);
  });

  it("answers 404 for an unknown token and 400 without one", async () => {
    const { headers } = await personalUser(issuer);
    await expectError(await acceptInvitation("A".repeat(43), headers), 404, "NOT_FOUND");
    await expectError(await acceptInvitation("", headers), 400, "INVALID_INPUT");
  });

  it("refuses a user who is not alone in a personal org with 409 ALREADY_IN_ORGANIZATION", async () => {
    const org = await createOrg();
    const busy = await memberOf(issuer, "member");
    const issued = await invite(org.id, busy.user.email);
    await expectError(await acceptInvitation(issued.token, busy.headers), 409, "ALREADY_IN_ORGANIZATION");

    const shared = await personalUser(issuer);
    await createUser(shared.org.id);
    const second = await invite(org.id, shared.user.email);
    await expectError(await acceptInvitation(second.token, shared.headers), 409, "ALREADY_IN_ORGANIZATION");
    expect(await invitationRow(second.invitation.id)).toEqual({ status: "pending", accepted_by: null });
    expect((await orgRow(shared.org.id))!.deleted_at).toBeNull();
  });

  it("gives the claim back and restores the personal org when the user service cannot move the user (503)", async () => {
    const { invitee, issued } = await invited();
    const USER_SERVICE = userServiceWith((req) =>
      req.method === "PUT" ? new Response("down", { status: 503 }) : null,
    );
    const res = await callWith(
      "/api/v1/invitations/accept",
      { method: "POST", ...json({ token: issued.token }, invitee.headers) },
      { USER_SERVICE },
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
    expect(await invitationRow(issued.invitation.id)).toEqual({ status: "pending", accepted_by: null });
    expect((await orgRow(invitee.org.id))!.deleted_at).toBeNull();
    expect((await userRow(invitee.user)).organizationId).toBe(invitee.org.id);
    // The link still works once the user service is back.
    await expectData(await acceptInvitation(issued.token, invitee.headers), 200);
  });

  it("answers 409 ALREADY_IN_ORGANIZATION and undoes the claim when the user moved meanwhile", async () => {
    const { invitee, issued } = await invited();
    const USER_SERVICE = userServiceWith((req) =>
      req.method === "PUT" ? new Response(JSON.stringify({}), { status: 409 }) : null,
    );
    const res = await callWith(
      "/api/v1/invitations/accept",
      { method: "POST", ...json({ token: issued.token }, invitee.headers) },
      { USER_SERVICE },
    );
    await expectError(res, 409, "ALREADY_IN_ORGANIZATION");
    expect(await invitationRow(issued.invitation.id)).toEqual({ status: "pending", accepted_by: null });
    expect((await orgRow(invitee.org.id))!.deleted_at).toBeNull();
  });

  it("refuses a service principal (403)", async () => {
    const { issued } = await invited();
    await expectError(await acceptInvitation(issued.token, serviceHeaders()), 403, "FORBIDDEN");
  });
});
