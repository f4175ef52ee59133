import { env } from "cloudflare:workers";
import { expectData, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import {
  type Account,
  authPost,
  authRows,
  createTeam,
  me,
  membersOf,
  serviceOrg,
  serviceUser,
  signUp,
  uniqueEmail,
} from "./better-auth";

const orgDown = env.AUTH_ORG_DOWN;
const userWritesDown = env.AUTH_USER_WRITES_DOWN;

async function expectFailure(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { code: string }).code).toBe(code);
}

async function team(owner: Account) {
  const { res, slug, name } = await createTeam(owner);
  return { ...(await expectData<{ id: string }>(res, 200)), slug, name };
}

/** A team with an owner and one invited member, through the healthy auth worker. */
async function teamWithMember() {
  const owner = await signUp("lead");
  const org = await team(owner);
  const member = await signUp("crew");
  const invited = await authPost("/organization/invite-member", owner.session, {
    email: member.email,
    role: "member",
    organizationId: org.id,
  });
  const { id: invitationId } = await expectData<{ id: string }>(invited, 200);
  const accepted = await authPost("/organization/accept-invitation", member.session, { invitationId });
  const { member: row } = await expectData<{ member: { id: string } }>(accepted, 200);
  return { owner, org, member, memberId: row.id, teamId: (await serviceOrg(org.id))!.id };
}

describe("a failing sync fails the Better Auth operation and leaves both sides as they were", () => {
  it("user service fails the write → sign-up is 503 and Better Auth keeps no user", async () => {
    const email = uniqueEmail("nobody");
    const res = await userWritesDown.fetch("http://auth.test/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse battery staple", name: "No Body" }),
    });
    await expectFailure(res, 503, "USER_SYNC_FAILED");
    expect(await authRows('SELECT id FROM "user" WHERE email = ?', email)).toEqual([]);
  });

  it("org service down → organization create is 503, Better Auth keeps no org or member, the user stays put", async () => {
    const owner = await signUp("stranded");
    const before = await me(owner);
    const { res, slug } = await createTeam(owner, orgDown);
    await expectFailure(res, 503, "ORG_SYNC_FAILED");
    expect(await authRows('SELECT id FROM "organization" WHERE slug = ?', slug)).toEqual([]);
    expect(await authRows('SELECT id FROM "member" WHERE "userId" = ?', owner.betterAuthUserId)).toEqual([]);
    const bySlug = await env.ORG.fetch(`http://org/api/v1/organizations/slug/${slug}`, {
      headers: serviceHeaders(),
    });
    expect(bySlug.status).toBe(404);
    expect(await me(owner)).toMatchObject({ organizationId: before.organizationId, role: "owner" });
  });

  it("user service fails the move → create is 503 and the org the sync made is deleted again", async () => {
    const owner = await signUp("unmoved");
    const before = await me(owner);
    const { res, slug } = await createTeam(owner, userWritesDown);
    await expectFailure(res, 503, "ORG_SYNC_FAILED");
    expect(await authRows('SELECT id FROM "organization" WHERE slug = ?', slug)).toEqual([]);
    const orgRows = await env.ORG_DB.prepare("SELECT deleted_at FROM organization WHERE slug = ?")
      .bind(slug)
      .all();
    expect(orgRows.results).toHaveLength(1);
    expect(orgRows.results[0]!.deleted_at).not.toBeNull();
    expect(await me(owner)).toMatchObject({ organizationId: before.organizationId, role: "owner" });
  });

  it("org service down → update and delete are 503; name, slug and the org itself stay on both sides", async () => {
    const owner = await signUp("keeper");
    const org = await team(owner);
    const renamed = await authPost(
      "/organization/update",
      owner.session,
      { organizationId: org.id, data: { name: "Never Applied" } },
      orgDown,
    );
    await expectFailure(renamed, 503, "ORG_SYNC_FAILED");
    const deleted = await authPost(
      "/organization/delete",
      owner.session,
      { organizationId: org.id },
      orgDown,
    );
    await expectFailure(deleted, 503, "ORG_SYNC_FAILED");
    expect(await authRows('SELECT name FROM "organization" WHERE id = ?', org.id)).toEqual([
      { name: org.name },
    ]);
    expect(await serviceOrg(org.id)).toMatchObject({ name: org.name, slug: org.slug });
  });

  it("user service fails the move → accept is 503, the member row is gone and the invitation pending again", async () => {
    const owner = await signUp("inviter");
    const org = await team(owner);
    const invitee = await signUp("waiting");
    const before = await me(invitee);
    const invited = await authPost("/organization/invite-member", owner.session, {
      email: invitee.email,
      role: "admin",
      organizationId: org.id,
    });
    const { id: invitationId } = await expectData<{ id: string }>(invited, 200);
    const res = await authPost(
      "/organization/accept-invitation",
      invitee.session,
      { invitationId },
      userWritesDown,
    );
    await expectFailure(res, 503, "ORG_SYNC_FAILED");
    expect((await membersOf(org.id)).map((m) => m.userId)).toEqual([owner.betterAuthUserId]);
    expect(await authRows('SELECT status FROM "invitation" WHERE id = ?', invitationId)).toEqual([
      { status: "pending" },
    ]);
    expect(await me(invitee)).toMatchObject({ organizationId: before.organizationId, role: "owner" });
  });

  it("user service fails the role change → 503 and Better Auth's role is put back", async () => {
    const { owner, org, member, memberId, teamId } = await teamWithMember();
    const res = await authPost(
      "/organization/update-member-role",
      owner.session,
      { organizationId: org.id, memberId, role: "admin" },
      userWritesDown,
    );
    await expectFailure(res, 503, "ORG_SYNC_FAILED");
    expect(await authRows('SELECT role FROM "member" WHERE id = ?', memberId)).toEqual([{ role: "member" }]);
    expect(await me(member)).toMatchObject({ organizationId: teamId, role: "member" });
  });

  it("user service fails the move out → removal is 503 and the member row is back", async () => {
    const { owner, org, member, memberId, teamId } = await teamWithMember();
    const res = await authPost(
      "/organization/remove-member",
      owner.session,
      { organizationId: org.id, memberIdOrEmail: memberId },
      userWritesDown,
    );
    await expectFailure(res, 503, "ORG_SYNC_FAILED");
    expect(await authRows('SELECT role, "userId" FROM "member" WHERE id = ?', memberId)).toEqual([
      { role: "member", userId: member.betterAuthUserId },
    ]);
    expect(await me(member)).toMatchObject({ organizationId: teamId, role: "member" });
    const personal = await env.ORG_DB.prepare(
      "SELECT id FROM organization WHERE kind = 'personal' AND deleted_at IS NULL AND creator_id = ?",
    )
      .bind((await me(member)).id)
      .all();
    expect(personal.results).toEqual([]);
  });

  it("user service fails the write → a name change is 503 and undone; account deletion is 503 and the account stays", async () => {
    const account = await signUp("steady", "Stella Steady");
    const renamed = await authPost("/update-user", account.session, { name: "Not Stored" }, userWritesDown);
    await expectFailure(renamed, 503, "USER_SYNC_FAILED");
    expect(await authRows('SELECT name FROM "user" WHERE id = ?', account.betterAuthUserId)).toEqual([
      { name: "Stella Steady" },
    ]);
    expect(await serviceUser(account.betterAuthUserId)).toMatchObject({ name: "Stella Steady" });

    const deleted = await authPost(
      "/delete-user",
      account.session,
      { password: "correct horse battery staple" },
      userWritesDown,
    );
    await expectFailure(deleted, 503, "USER_SYNC_FAILED");
    expect(await authRows('SELECT id FROM "user" WHERE id = ?', account.betterAuthUserId)).toHaveLength(1);
    expect(await serviceUser(account.betterAuthUserId)).not.toBeNull();
  });
});
