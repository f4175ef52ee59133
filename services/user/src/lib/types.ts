import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { type AppEnv, createRouter } from "@svc/platform";
import type { Db } from "../db/client";

interface UserVariables {
  db: Db;
}
export type UserAppEnv = AppEnv<UserEnv, UserVariables>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, UserAppEnv>;
export const createUserRouter = () => createRouter<UserEnv, UserVariables>();
