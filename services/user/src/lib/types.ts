import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { type AppEnv, createRouter } from "@svc/platform";
import type { UserRecord } from "../core/users";
import type { Db } from "../db/client";

export interface UserVariables {
  db: Db;
  /** The caller's own row, read once by the guard when the principal is a user. */
  callerRecord?: UserRecord;
}
export type UserAppEnv = AppEnv<UserEnv, UserVariables>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, UserAppEnv>;
export const createUserRouter = () => createRouter<UserEnv, UserVariables>();
