import { type ServiceCaller, unexpectedAnswer } from "@svc/platform";
import type { CreatePersonalOrganization, Organization, OrganizationLifecycle } from "../organization";

const NAME = "org service";

/** The user service's view of the org service: every path it calls is written here, once. */
export function orgServiceClient(call: ServiceCaller) {
  return {
    /** Every new user's own workspace (auth-service sync). */
    async createPersonalOrganization(input: Omit<CreatePersonalOrganization, "kind">): Promise<Organization> {
      const res = await call<{ data: Organization }>("POST", "/api/v1/organizations", {
        body: {
          name: input.name,
          kind: "personal",
          creatorId: input.creatorId,
        } satisfies CreatePersonalOrganization,
      });
      if (res.status !== 201) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** A live organization, or null when it does not exist or was deleted. */
    async getOrganization(organizationId: string): Promise<Organization | null> {
      const res = await call<{ data: Organization }>("GET", `/api/v1/organizations/${organizationId}`, {
        organizationId,
      });
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Whether an organization is live or deleted (and until when restorable); null once purged. */
    async lifecycle(organizationId: string): Promise<OrganizationLifecycle | null> {
      const res = await call<{ data: OrganizationLifecycle }>(
        "GET",
        `/api/v1/organizations/${organizationId}/lifecycle`,
        { organizationId },
      );
      if (res.status === 404) return null;
      if (res.status !== 200) throw unexpectedAnswer(NAME, res.status);
      return res.body.data;
    },

    /** Compensation and retirement: an organization that is already gone counts as deleted. */
    async deleteOrganization(organizationId: string): Promise<void> {
      const res = await call("DELETE", `/api/v1/organizations/${organizationId}`, { organizationId });
      if (res.status !== 204 && res.status !== 200 && res.status !== 404) {
        throw unexpectedAnswer(NAME, res.status);
      }
    },
  };
}
export type OrgServiceClient = ReturnType<typeof orgServiceClient>;
