import { ApiError, passOnClientError, type ServiceCaller, unexpectedAnswer } from "@svc/platform";
import type { AuditPage, AuditPurge } from "../audit";
import type {
  CreateUserInput,
  Membership,
  MoveOutCheck,
  MoveOutVerdict,
  OwnershipTransfer,
  OwnershipTransferResult,
  User,
  UserPage,
} from "../user";

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

    /** Asks the user service (the owner of the rule) whether the user may leave `from`. */
    async moveOutCheck(userId: string, from: MoveOutCheck): Promise<MoveOutVerdict | null> {
      const res = await call<{ data: MoveOutVerdict }>("POST", `/api/v1/users/${userId}/move-out/check`, {
        body: from,
      });
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /**
     * Makes `toUserId` owner and `fromUserId` admin in one batch. NOT_FOUND: the target is not a
     * member; CONFLICT: the caller is no longer an owner of the organization.
     */
    async transferOwnership(transfer: OwnershipTransfer): Promise<OwnershipTransferResult> {
      const res = await call<{ data: OwnershipTransferResult }>("POST", "/api/v1/users/transfer-ownership", {
        body: transfer,
      });
      if (res.status === 404)
        throw new ApiError("NOT_FOUND", "The user is not a member of this organization");
      if (res.status === 409)
        throw new ApiError("CONFLICT", "You are no longer an owner of this organization");
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** A newest-first page of the user service's audit entries for one organization. */
    async auditPage(organizationId: string, page: MembersPage): Promise<AuditPage> {
      const res = await call<AuditPage>("GET", `/api/v1/audit-log/by-organization/${organizationId}`, {
        organizationId,
        query: { cursor: page.cursor, limit: page.limit },
      });
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body;
    },

    /** Retention: deletes at most `limit` of the user service's entries older than `before`. */
    async purgeAudit(purge: AuditPurge): Promise<number> {
      const res = await call<{ data: { deleted: number } }>("POST", "/api/v1/audit-log/purge", {
        body: purge,
      });
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data.deleted;
    },

    /** Soft-deletes a user; one that is already gone counts as removed. */
    async remove(userId: string, organizationId: string): Promise<void> {
      const res = await call("DELETE", `/api/v1/users/${userId}`, { organizationId });
      if (res.status !== 204 && res.status !== 404) throw unexpectedAnswer(NAME, res.status);
    },
  };
}
export type UserServiceClient = ReturnType<typeof userServiceClient>;
