import { IdSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

/** The `{id}` path parameter of every route that acts on one user. */
export const UserIdParams = pathParams({ id: IdSchema });

/** The `{organizationId}` path parameter of the routes that read one organization's rows. */
export const OrganizationIdParams = pathParams({ organizationId: IdSchema });
