import { expectData } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import {
  type Account,
  authPost,
  authRows,
  createTeam,
  me,
  membersOf,
  orgById,
  serviceOrg,
  serviceUser,
  signUp,
  uniqueEmail,
  uniqueSlug,
} from "./better-auth";

type BetterAuthOrg = { id: string; name: string; slug: string };

async function teamOf(owner: Account) {
  const { res, slug, name } = await createTeam(owner);
  const org = await expectData<BetterAuthOrg>(res, 200);
  return { ...org, slug, name };
}

/** Invites through Better Auth and accepts as the invitee; answers the accept's response. */
async function inviteAndAccept(owner: Account, invitee: Account, organizationId: string, role = "member") {
  const invited = await authPost("/organization/invite-member", owner.session, {
    email: invitee.email,
    role,
    organizationId,
  });
  const invitation = await expectData<{ id: string }>(invited, 200);
  const res = await authPost("/organization/accept-invitation", invitee.session, {
    invitationId: invitation.id,
  });
  return { res, invitationId: invitation.id };
}

describe("Better Auth organizations reach the org service", () => {
  it("create: the org service holds it under its betterAuthOrgId; the creator moved in as owner, their personal org retired", async () => {
    const owner = await signUp("founder");
    const personal = (await me(owner)).organizationId!;
    const team = await teamOf(owner);

    const synced = await serviceOrg(team.id);
    expect(synced).toMatchObject({
      betterAuthOrgId: team.id,
      name: team.name,
      slug: team.slug,
      kind: "business",
      status: "active",
    });
    expect(await me(owner)).toMatchObject({ organizationId: synced!.id, role: "owner" });
    expect(await orgById(personal)).toBeNull();
  });

  it("update: a new name and slug reach the org service; delete: the org service deletes it too", async () => {
    const owner = await signUp("renamer");
    const team = await teamOf(owner);
    const slug = uniqueSlug("renamed");
    const updated = await authPost("/organization/update", owner.session, {
      organizationId: team.id,
      data: { name: "Renamed Ltd", slug },
    });
    await expectData(updated, 200);
    expect(await serviceOrg(team.id)).toMatchObject({ name: "Renamed Ltd", slug });

    const serviceId = (await serviceOrg(team.id))!.id;
    await expectData(await authPost("/organization/delete", owner.session, { organizationId: team.id }), 200);
    expect(await serviceOrg(team.id)).toBeNull();
    expect(await orgById(serviceId)).toBeNull();
    expect(await me(owner)).toMatchObject({ organizationId: serviceId, organizationState: "deleted" });
  });

  it("refuses a slug the org service refuses, and neither side changes", async () => {
    const owner = await signUp("badslug");
    const team = await teamOf(owner);
    const res = await authPost("/organization/update", owner.session, {
      organizationId: team.id,
      data: { name: "Never", slug: "Not A Slug!" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("INVALID_INPUT");
    expect(await serviceOrg(team.id)).toMatchObject({ name: team.name, slug: team.slug });
    expect(await authRows('SELECT name, slug FROM "organization" WHERE id = ?', team.id)).toEqual([
      { name: team.name, slug: team.slug },
    ]);
  });
});

describe("Better Auth members reach the user service", () => {
  it("accept → member in the org; role change → role; removal → back in a personal org of their own", async () => {
    const owner = await signUp("boss");
    const team = await teamOf(owner);
    const teamId = (await serviceOrg(team.id))!.id;
    const invitee = await signUp("hire", "Hedy Hire");
    const personal = (await me(invitee)).organizationId!;

    const { res } = await inviteAndAccept(owner, invitee, team.id);
    const { member } = await expectData<{ member: { id: string } }>(res, 200);
    expect(await me(invitee)).toMatchObject({ organizationId: teamId, role: "member" });
    expect(await orgById(personal)).toBeNull();

    const promoted = await authPost("/organization/update-member-role", owner.session, {
      organizationId: team.id,
      memberId: member.id,
      role: "admin",
    });
    await expectData(promoted, 200);
    expect(await me(invitee)).toMatchObject({ organizationId: teamId, role: "admin" });

    const removed = await authPost("/organization/remove-member", owner.session, {
      organizationId: team.id,
      memberIdOrEmail: member.id,
    });
    await expectData(removed, 200);
    const after = await me(invitee);
    expect(after).toMatchObject({ role: "owner", organizationState: "active" });
    expect(after.organizationId).not.toBe(teamId);
    expect(await orgById(after.organizationId!)).toMatchObject({
      kind: "personal",
      name: "Hedy Hire's workspace",
    });
    expect((await membersOf(team.id)).map((m) => m.userId)).toEqual([owner.betterAuthUserId]);
  });

  it("leaving the organization moves the user out the same way", async () => {
    const owner = await signUp("host");
    const team = await teamOf(owner);
    const guest = await signUp("guest");
    await expectData((await inviteAndAccept(owner, guest, team.id)).res, 200);
    await expectData(await authPost("/organization/leave", guest.session, { organizationId: team.id }), 200);
    const after = await me(guest);
    expect(after.organizationId).not.toBe((await serviceOrg(team.id))!.id);
    expect(await orgById(after.organizationId!)).toMatchObject({ kind: "personal" });
  });

  it("a member of another team cannot join: 409 ALREADY_IN_ORGANIZATION, both sides unchanged", async () => {
    const owner = await signUp("alpha");
    const team = await teamOf(owner);
    const busy = await signUp("busy");
    const own = await teamOf(busy);
    const ownId = (await serviceOrg(own.id))!.id;

    const { res, invitationId } = await inviteAndAccept(owner, busy, team.id);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("ALREADY_IN_ORGANIZATION");
    expect((await membersOf(team.id)).map((m) => m.userId)).toEqual([owner.betterAuthUserId]);
    expect(await authRows('SELECT status FROM "invitation" WHERE id = ?', invitationId)).toEqual([
      { status: "pending" },
    ]);
    expect(await me(busy)).toMatchObject({ organizationId: ownId, role: "owner" });
  });

  it("creating an organization while in another team is refused the same way, and nothing is created", async () => {
    const owner = await signUp("twice");
    await teamOf(owner);
    const { res, slug } = await createTeam(owner);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("ALREADY_IN_ORGANIZATION");
    expect(await authRows('SELECT id FROM "organization" WHERE slug = ?', slug)).toEqual([]);
  });
});

describe("Better Auth users reach the user service", () => {
  it("a name change and an email change are stored; deleting the account deletes the user", async () => {
    const account = await signUp("changer");
    await expectData(await authPost("/update-user", account.session, { name: "Renée Renamed" }), 200);
    expect(await serviceUser(account.betterAuthUserId)).toMatchObject({ name: "Renée Renamed" });

    const newEmail = uniqueEmail("moved");
    await expectData(await authPost("/change-email", account.session, { newEmail }), 200);
    expect(await serviceUser(account.betterAuthUserId)).toMatchObject({ email: newEmail });

    const deleted = await authPost("/delete-user", account.session, {
      password: "correct horse battery staple",
    });
    await expectData(deleted, 200);
    expect(await serviceUser(account.betterAuthUserId)).toBeNull();
    expect(await authRows('SELECT id FROM "user" WHERE id = ?', account.betterAuthUserId)).toEqual([]);
  });
});
