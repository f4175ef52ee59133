import { IdSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

/** The `{id}` path parameter of every route that acts on one user. */
export const UserIdParams = pathParams({ id: IdSchema });
