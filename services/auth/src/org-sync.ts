import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Member, OrganizationOptions } from "better-auth/plugins/organization";
import { PeerRefused } from "./service-call";
import { type Role, type ServiceOrg, type Services, servicesFor } from "./services";
import { type Adapter, synced } from "./sync";

type Hooks = NonNullable<OrganizationOptions["organizationHooks"]>;
type BetterAuthOrg = { id: string; name: string; slug: string };

const ORG_SYNC = {
  code: "ORG_SYNC_FAILED",
  message: "The organization or user service could not be updated; nothing was changed.",
};

/** Better Auth's comma-separated roles, as the one platform role: the highest one held. */
export const platformRole = (roles: string): Role => {
  const held = roles.split(",").map((role) => role.trim());
  if (held.includes("owner")) return "owner";
  return held.includes("admin") ? "admin" : "member";
};

/**
 * The organization plugin's hooks. Organizations, membership and roles belong to the org and user
 * services; every Better Auth change reaches them, or the Better Auth change fails and is undone.
 * Members are synced after Better Auth's write (the services' move is the expensive side to undo,
 * so it goes last, and a failure deletes or restores the member row); organization updates and
 * deletes go to the org service first (a refused slug or an unreachable service stops them).
 */
export function organizationSync(env: AuthEnv, adapter: () => Promise<Adapter>): Hooks {
  const services = servicesFor(env);
  return {
    afterAddMember: async ({ member, user, organization }) =>
      synced(
        {
          operation: "member add",
          ...ORG_SYNC,
          ids: { memberId: member.id, organizationId: organization.id },
        },
        () => joined(services, member, user.id, organization),
        async () => undoJoin(await adapter(), member),
      ),

    afterAcceptInvitation: async ({ invitation, member, user, organization }) =>
      synced(
        {
          operation: "invitation accept",
          ...ORG_SYNC,
          ids: { memberId: member.id, invitationId: invitation.id },
        },
        () => joined(services, member, user.id, organization),
        async () => {
          const db = await adapter();
          await db.delete({ model: "member", where: [{ field: "id", value: member.id }] });
          await db.update({
            model: "invitation",
            where: [{ field: "id", value: invitation.id }],
            update: { status: "pending" },
          });
        },
      ),

    afterUpdateMemberRole: async ({ member, previousRole, user, organization }) =>
      synced(
        {
          operation: "member role",
          ...ORG_SYNC,
          ids: { memberId: member.id, organizationId: organization.id },
        },
        async () => {
          const role = platformRole(member.role);
          if (role === platformRole(previousRole)) return;
          const { who, org } = await mapped(services, user.id, organization.id);
          await services.setRole(who.id, org.id, role);
        },
        async () =>
          (await adapter()).update({
            model: "member",
            where: [{ field: "id", value: member.id }],
            update: { role: previousRole },
          }),
      ),

    afterRemoveMember: async ({ member, user, organization }) =>
      synced(
        {
          operation: "member remove",
          ...ORG_SYNC,
          ids: { memberId: member.id, organizationId: organization.id },
        },
        () => left(services, user, organization.id),
        async () => restoreMember(await adapter(), member),
      ),

    beforeUpdateOrganization: async ({ organization: changes, member }) =>
      synced(
        { operation: "organization update", ...ORG_SYNC, ids: { organizationId: member.organizationId } },
        async () => {
          const patch = {
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
          };
          if (Object.keys(patch).length === 0) return;
          const org = await services.orgByAuthId(member.organizationId);
          if (!org) throw notSynced("organization");
          await services.updateOrg(org.id, patch);
        },
      ),

    beforeDeleteOrganization: async ({ organization }) =>
      synced(
        { operation: "organization delete", ...ORG_SYNC, ids: { organizationId: organization.id } },
        async () => {
          const org = await services.orgByAuthId(organization.id);
          if (org) await services.deleteOrg(org.id);
        },
      ),
  };
}

/**
 * `/organization/leave` deletes the member without the organization hooks; this after-hook gives it
 * the same sync and undo as a removal.
 */
export function leaveSync(env: AuthEnv, adapter: () => Promise<Adapter>) {
  const services = servicesFor(env);
  return createAuthMiddleware(async (ctx) => {
    const member = ctx.context.returned as Member | undefined;
    if (ctx.path !== "/organization/leave" || !member || isAPIError(member)) return;
    const user = await ctx.context.internalAdapter.findUserById(member.userId);
    if (!user) return;
    await synced(
      {
        operation: "member leave",
        ...ORG_SYNC,
        ids: { memberId: member.id, organizationId: member.organizationId },
      },
      () => left(services, user, member.organizationId),
      async () => restoreMember(await adapter(), member),
    );
  });
}

const notSynced = (what: string) =>
  new PeerRefused("org", 409, "NOT_SYNCED", `This ${what} is not known to the platform services`);

async function mapped(services: Services, betterAuthUserId: string, betterAuthOrgId: string) {
  const who = await services.userByAuthId(betterAuthUserId);
  if (!who) throw notSynced("user");
  const org = await services.orgByAuthId(betterAuthOrgId);
  if (!org) throw notSynced("organization");
  return { who, org };
}

/**
 * A Better Auth member joined: the user moves into the organization (creating it in the org
 * service on its first member, i.e. when Better Auth creates it), under the user service's rule
 * that a user belongs to one organization. An organization this step created is deleted again
 * when the move fails.
 */
async function joined(
  services: Services,
  member: Member,
  betterAuthUserId: string,
  organization: BetterAuthOrg,
) {
  const who = await services.userByAuthId(betterAuthUserId);
  if (!who) throw notSynced("user");
  const role = platformRole(member.role);
  let org: ServiceOrg | null = await services.orgByAuthId(organization.id);
  const from = who.organizationId ?? undefined;
  if (from && from !== org?.id) await services.assertMayLeave({ ...who, organizationId: from });
  let created = false;
  if (!org) {
    ({ org, created } = await services.createOrg({
      betterAuthOrgId: organization.id,
      name: organization.name,
      slug: organization.slug,
      ...(role === "owner" ? { creatorId: who.id } : {}),
    }));
  }
  try {
    await services.moveUser(who.id, {
      organizationId: org.id,
      role,
      ...(from ? { fromOrganizationId: from } : {}),
    });
  } catch (error) {
    if (created) await services.deleteOrg(org.id);
    throw error;
  }
}

/**
 * A Better Auth member left (removed): Better Auth keeps the account, so the platform user stays
 * too, in a new personal organization of their own, as at sign-up.
 */
async function left(
  services: Services,
  user: { id: string; name: string; email: string },
  betterAuthOrgId: string,
) {
  const { who, org } = await mapped(services, user.id, betterAuthOrgId);
  if (who.organizationId !== org.id) return;
  const owner = user.name.trim() || user.email.split("@")[0];
  const { org: personal } = await services.createOrg({
    name: `${owner}'s workspace`.slice(0, 255),
    kind: "personal",
    creatorId: who.id,
  });
  try {
    await services.moveUser(who.id, {
      organizationId: personal.id,
      role: "owner",
      fromOrganizationId: org.id,
    });
  } catch (error) {
    await services.deleteOrg(personal.id);
    throw error;
  }
}

/** Takes a join back: the member row, and the organization when that member was its creation. */
async function undoJoin(db: Adapter, member: Member) {
  await db.delete({ model: "member", where: [{ field: "id", value: member.id }] });
  const others = await db.count({
    model: "member",
    where: [{ field: "organizationId", value: member.organizationId }],
  });
  if (others === 0)
    await db.delete({ model: "organization", where: [{ field: "id", value: member.organizationId }] });
}

const restoreMember = (db: Adapter, member: Member) =>
  db.create({
    model: "member",
    data: {
      id: member.id,
      organizationId: member.organizationId,
      userId: member.userId,
      role: member.role,
      createdAt: member.createdAt,
    },
    forceAllowId: true,
  });
