import { ApiError, passOnClientError, type ServiceCaller, unexpectedAnswer } from "@svc/platform";
import type { CreateUserInput, Membership, User, UserPage } from "../user";

const NAME = "user service";

type MembersPage = { cursor?: string; limit: number };

/** The org service's view of the user service: every path it calls is written here, once. */
export function userServiceClient(call: ServiceCaller) {
  /** A page of an organization's members, parsed or (`text`) as the JSON text it arrived as. */
  async function members<T>(organizationId: string, page: MembersPage, text: boolean): Promise<T> {
    const res = await call<T>("GET", `/api/v1/users/by-organization/${organizationId}`, {
      organizationId,
      query: { cursor: page.cursor, limit: page.limit },
      text,
    });
    if (res.status !== 200) throw passOnClientError(NAME, res);
    return res.body;
  }

  return {
    async getByAuthId(betterAuthUserId: string): Promise<User | null> {
      const res = await call<{ data: User }>(
        "GET",
        `/api/v1/users/by-auth-id/${encodeURIComponent(betterAuthUserId)}`,
      );
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    listByOrganization: (organizationId: string, page: MembersPage) =>
      members<UserPage>(organizationId, page, false),

    /** The same page as the user service's JSON text, for a route that answers it unchanged. */
    listByOrganizationJson: (organizationId: string, page: MembersPage) =>
      members<string>(organizationId, page, true),

    /** The user, while they belong to `organizationId`; null when not (or gone). */
    async get(userId: string, organizationId: string): Promise<User | null> {
      const res = await call<{ data: User }>("GET", `/api/v1/users/${userId}`, { organizationId });
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Which of up to 100 emails belong to live members of the organization (lower-cased). */
    async membersWithEmails(organizationId: string, emails: string[]): Promise<string[]> {
      const res = await call<{ data: { existing: string[] } }>("POST", "/api/v1/users/check-emails", {
        body: { emails, organizationId },
      });
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data.existing;
    },

    /** Creates a user directly (onboarding). A taken email or betterAuthUserId is a CONFLICT. */
    async create(input: CreateUserInput): Promise<User> {
      const res = await call<{ data: User }>("POST", "/api/v1/users/create", { body: input });
      if (res.status === 409) {
        throw new ApiError("CONFLICT", "A user with this email or betterAuthUserId already exists");
      }
      if (res.status !== 201) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /**
     * Moves a user into an organization with a role (permissions reset to the role's defaults).
     * With `fromOrganizationId` the move only happens while the user is still there: a concurrent
     * move that got there first makes this one a CONFLICT.
     */
    async moveMembership(userId: string, membership: Membership): Promise<User | null> {
      const res = await call<{ data: User }>("PUT", `/api/v1/users/${userId}/membership`, {
        body: membership,
      });
      if (res.status === 404) return null;
      if (res.status === 409) throw new ApiError("CONFLICT", "You already moved to another organization");
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Soft-deletes a user; one that is already gone counts as removed. */
    async remove(userId: string, organizationId: string): Promise<void> {
      const res = await call("DELETE", `/api/v1/users/${userId}`, { organizationId });
      if (res.status !== 204 && res.status !== 404) throw unexpectedAnswer(NAME, res.status);
    },
  };
}
export type UserServiceClient = ReturnType<typeof userServiceClient>;
