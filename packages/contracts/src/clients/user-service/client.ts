import { ApiError, passOnClientError, type ServiceFetch, unavailable, unexpectedAnswer } from "@svc/platform";
import { hc } from "hono/client";
import type { ContentfulStatusCode } from "hono/utils/http-status";
// Type-only, and so erased from every bundle: the paths, inputs and answers below are checked
// against the user service's own routes (see this folder's tsconfig.json for why it is a project).
import type { UserAppType } from "../../../../../services/user/src/app";
import type { AuditPage, AuditPurge } from "../../audit";
import type {
  CreateUserInput,
  Membership,
  MoveOutCheck,
  MoveOutVerdict,
  OwnershipTransfer,
  OwnershipTransferResult,
  User,
  UserPage,
} from "../../user";

const NAME = "user service";

type MembersPage = { cursor?: string; limit: number };

/** What an `hc` call answers: its status, and its body as the route declares it for that status. */
type Answered = { status: number; json: () => Promise<unknown> };
type Declared<R> = R extends { status: infer S; json: () => Promise<infer B> }
  ? { status: S; body: B }
  : never;
/** The guard chain's refusals (400, 401, 403, 415, 429) reach every route without being in its type. */
type Undeclared<R> = { status: Exclude<ContentfulStatusCode, Declared<R>["status"]>; body: unknown };

/**
 * An answer read as `createServiceCaller` reads one: no body for a 204, else its JSON; a body that
 * does not parse is the peer's failure, as a 5xx is. A union of answers stays one, by status.
 */
async function read<R extends Answered>(res: R): Promise<Declared<R> | Undeclared<R>> {
  try {
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() } as Declared<R>;
  } catch (err) {
    throw unavailable(`The ${NAME}`, err);
  }
}

/**
 * The org service's view of the user service: every route it calls, typed by the user service's
 * app (`hc<UserAppType>`), over `fetch` from `createServiceFetch` (the binding, the service key,
 * the timeout and the 5xx mapping).
 */
export function userServiceClient(fetch: ServiceFetch) {
  const api = hc<UserAppType>("https://user-service.internal", { fetch }).api.v1;
  const tenant = (organizationId: string) => ({ headers: { "x-organization-id": organizationId } });
  const membersPage = (organizationId: string, page: MembersPage) =>
    api.users["by-organization"][":organizationId"].$get(
      { param: { organizationId }, query: { cursor: page.cursor, limit: String(page.limit) } },
      tenant(organizationId),
    );

  return {
    async getByAuthId(betterAuthUserId: string): Promise<User | null> {
      const res = await read(
        await api.users["by-auth-id"][":betterAuthUserId"].$get({
          param: { betterAuthUserId: encodeURIComponent(betterAuthUserId) },
        }),
      );
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** A page of an organization's members; a refusal of the page asked for is the caller's error. */
    async listByOrganization(organizationId: string, page: MembersPage): Promise<UserPage> {
      const res = await read(await membersPage(organizationId, page));
      if (res.status !== 200) throw passOnClientError(NAME, res);
      return res.body;
    },

    /** The same page as the user service's JSON text, for a route that answers it unchanged. */
    async listByOrganizationJson(organizationId: string, page: MembersPage): Promise<string> {
      const res = await membersPage(organizationId, page);
      if (res.status !== 200) throw passOnClientError(NAME, await read(res));
      try {
        return await res.text();
      } catch (err) {
        throw unavailable(`The ${NAME}`, err);
      }
    },

    /** The user, while they belong to `organizationId`; null when not (or gone). */
    async get(userId: string, organizationId: string): Promise<User | null> {
      const res = await read(await api.users[":id"].$get({ param: { id: userId } }, tenant(organizationId)));
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Which of up to 100 emails belong to live members of the organization (lower-cased). */
    async membersWithEmails(organizationId: string, emails: string[]): Promise<string[]> {
      const res = await read(await api.users["check-emails"].$post({ json: { emails, organizationId } }));
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data.existing;
    },

    /** Creates a user directly (onboarding). A taken email or betterAuthUserId is a CONFLICT. */
    async create(input: CreateUserInput): Promise<User> {
      const res = await read(await api.users.create.$post({ json: input }));
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
      const res = await read(
        await api.users[":id"].membership.$put({ param: { id: userId }, json: membership }),
      );
      if (res.status === 404) return null;
      if (res.status === 409) throw new ApiError("CONFLICT", "You already moved to another organization");
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Asks the user service (the owner of the rule) whether the user may leave `from`. */
    async moveOutCheck(userId: string, from: MoveOutCheck): Promise<MoveOutVerdict | null> {
      const res = await read(
        await api.users[":id"]["move-out"].check.$post({ param: { id: userId }, json: from }),
      );
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /**
     * Makes `toUserId` owner and `fromUserId` admin in one batch. NOT_FOUND: the target is not a
     * member; CONFLICT: the caller is no longer an owner of the organization.
     */
    async transferOwnership(transfer: OwnershipTransfer): Promise<OwnershipTransferResult> {
      const res = await read(await api.users["transfer-ownership"].$post({ json: transfer }));
      if (res.status === 404)
        throw new ApiError("NOT_FOUND", "The user is not a member of this organization");
      if (res.status === 409)
        throw new ApiError("CONFLICT", "You are no longer an owner of this organization");
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** A newest-first page of the user service's audit entries for one organization. */
    async auditPage(organizationId: string, page: MembersPage): Promise<AuditPage> {
      const res = await read(
        await api["audit-log"]["by-organization"][":organizationId"].$get(
          { param: { organizationId }, query: { cursor: page.cursor, limit: String(page.limit) } },
          tenant(organizationId),
        ),
      );
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body;
    },

    /** Retention: deletes at most `limit` of the user service's entries older than `before`. */
    async purgeAudit(purge: AuditPurge): Promise<number> {
      const res = await read(await api["audit-log"].purge.$post({ json: purge }));
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data.deleted;
    },

    /** Soft-deletes a user; one that is already gone counts as removed. */
    async remove(userId: string, organizationId: string): Promise<void> {
      const res = await read(
        await api.users[":id"].$delete({ param: { id: userId } }, tenant(organizationId)),
      );
      if (res.status !== 204 && res.status !== 404) throw unexpectedAnswer(NAME, res.status);
    },
  };
}
export type UserServiceClient = ReturnType<typeof userServiceClient>;
