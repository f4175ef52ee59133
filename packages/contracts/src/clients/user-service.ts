import { type ServiceCaller, unexpectedAnswer } from "@svc/platform";
import type { User } from "../user";

const NAME = "user service";
export interface UserPage {
  data: User[];
  pagination: { limit: number; nextCursor: string | null; hasMore: boolean };
}

/** The org service's view of the user service: every path it calls is written here, once. */
export function userServiceClient(call: ServiceCaller) {
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

    async listByOrganization(
      organizationId: string,
      page: { cursor?: string; limit: number },
    ): Promise<UserPage> {
      const res = await call<UserPage>("GET", `/api/v1/users/by-organization/${organizationId}`, {
        organizationId,
        query: { cursor: page.cursor, limit: page.limit },
      });
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body;
    },
  };
}
export type UserServiceClient = ReturnType<typeof userServiceClient>;
