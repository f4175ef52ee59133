import { ApiError, type CallerUser } from "@svc/platform";
import type { Context } from "hono";
import type { UserAppEnv } from "./types";

/** The user principal of a route that accepts only users (the guard has already enforced it). */
export function callerUser(c: Context<UserAppEnv>): CallerUser {
  const principal = c.get("principal");
  if (principal?.kind !== "user") throw new ApiError("UNAUTHORIZED", "A user principal is required");
  return principal.user;
}
