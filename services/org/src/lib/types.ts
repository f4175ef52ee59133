import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { type AppEnv, createRouter } from "@svc/platform";
import type { Db } from "../db/client";
import type { OrganizationRow } from "../db/schema";

export interface OrgVariables {
  db: Db;
  /** The organization the route acts on, once loaded (`organizationOf`). */
  organization?: OrganizationRow;
}
export type OrgAppEnv = AppEnv<OrgEnv, OrgVariables>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, OrgAppEnv>;
export const createOrgRouter = () => createRouter<OrgEnv, OrgVariables>();
