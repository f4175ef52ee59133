import { callPeer, okBody, PeerRefused } from "./service-call";

export type Role = "owner" | "admin" | "member";

export interface ServiceUser {
  id: string;
  organizationId: string | null;
  role: Role;
}

export interface ServiceOrg {
  id: string;
  kind: "personal" | "business";
}

type Data<T> = { data: T };

/**
 * Every user- and org-service route the auth worker calls, once. Better Auth ids are mapped to the
 * services' ids through their by-auth-id lookups (service principal, global).
 */
export function servicesFor(env: AuthEnv) {
  const users = <T>(method: string, path: string, options?: { body?: unknown; organizationId?: string }) =>
    callPeer<T>(env, "user", method, `/api/v1/users${path}`, options);
  const orgs = <T>(method: string, path: string, options?: { body?: unknown; organizationId?: string }) =>
    callPeer<T>(env, "org", method, `/api/v1/organizations${path}`, options);

  return {
    /** Sign-up: the idempotent upsert that also provisions the personal organization. */
    async syncUser(user: { id: string; email: string; name: string }): Promise<void> {
      const body = { betterAuthUserId: user.id, email: user.email, name: user.name };
      okBody("user", await users("POST", "", { body }), 200, 201);
    },

    /** The live user of a Better Auth identity, or null. */
    async userByAuthId(betterAuthUserId: string): Promise<ServiceUser | null> {
      const res = await users<Data<ServiceUser>>(
        "GET",
        `/by-auth-id/${encodeURIComponent(betterAuthUserId)}`,
      );
      return res.status === 404 ? null : okBody("user", res, 200).data;
    },

    async updateUser(userId: string, patch: { email: string; name: string }): Promise<void> {
      okBody("user", await users("PATCH", `/${userId}`, { body: patch }), 200);
    },

    /** Soft delete; a user already gone counts as deleted. */
    async deleteUser(user: ServiceUser): Promise<void> {
      const organizationId = user.organizationId ?? undefined;
      okBody("user", await users("DELETE", `/${user.id}`, { organizationId }), 204, 404);
    },

    /** Moves a user; with `fromOrganizationId` only while they are still there (else 409). */
    async moveUser(
      userId: string,
      membership: { organizationId: string; role: Role; fromOrganizationId?: string },
    ): Promise<void> {
      okBody("user", await users("PUT", `/${userId}/membership`, { body: membership }), 200);
    },

    async setRole(userId: string, organizationId: string, role: Role): Promise<void> {
      const res = await users("PATCH", `/${userId}/role`, { body: { role }, organizationId });
      okBody("user", res, 200);
    },

    /**
     * The user service's rule for leaving an organization (one organization per user): refused
     * unless the user is alone in a personal organization or their organization was deleted.
     */
    async assertMayLeave(user: ServiceUser & { organizationId: string }): Promise<void> {
      const res = await orgs<Data<ServiceOrg>>("GET", `/${user.organizationId}`, {
        organizationId: user.organizationId,
      });
      const current = res.status === 404 ? null : okBody("org", res, 200).data;
      const verdict = okBody(
        "user",
        await users<Data<{ allowed: boolean; reason: string | null }>>("POST", `/${user.id}/move-out/check`, {
          body: {
            organizationId: user.organizationId,
            kind: current?.kind ?? "business",
            deleted: current === null,
          },
        }),
        200,
      ).data;
      if (!verdict.allowed) {
        throw new PeerRefused(
          "user",
          409,
          "ALREADY_IN_ORGANIZATION",
          verdict.reason ?? "The user already belongs to another organization",
        );
      }
    },

    /** The live organization synced from a Better Auth organization, or null. */
    async orgByAuthId(betterAuthOrgId: string): Promise<ServiceOrg | null> {
      const res = await orgs<Data<ServiceOrg>>("GET", `/by-auth-id/${encodeURIComponent(betterAuthOrgId)}`);
      return res.status === 404 ? null : okBody("org", res, 200).data;
    },

    /** The idempotent upsert on betterAuthOrgId (200: it existed), or a personal organization. */
    async createOrg(body: Record<string, unknown>): Promise<{ org: ServiceOrg; created: boolean }> {
      const res = await orgs<Data<ServiceOrg>>("POST", "", { body });
      return { org: okBody("org", res, 200, 201).data, created: res.status === 201 };
    },

    async updateOrg(orgId: string, patch: { name?: string; slug?: string }): Promise<void> {
      okBody("org", await orgs("PATCH", `/${orgId}`, { body: patch, organizationId: orgId }), 200);
    },

    /** Soft delete; an organization already gone counts as deleted. */
    async deleteOrg(orgId: string): Promise<void> {
      okBody("org", await orgs("DELETE", `/${orgId}`, { organizationId: orgId }), 204, 404);
    },
  };
}

export type Services = ReturnType<typeof servicesFor>;
