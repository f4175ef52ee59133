import type { Principal } from "@svc/platform";
import type { Context } from "hono";
import type { Actor, Writer } from "../core/writer";
import type { OrgAppEnv } from "./types";

export function actorOf(c: Context<OrgAppEnv>): Actor {
  const principal = c.get("principal") as Principal;
  return principal.kind === "user"
    ? { type: "user", id: principal.user.id }
    : { type: "service", id: principal.keyFingerprint };
}

/** The request's writer: its database, its principal as the actor and its request id. */
export const writerOf = (c: Context<OrgAppEnv>): Writer => ({
  db: c.var.db,
  actor: actorOf(c),
  requestId: c.get("requestId"),
});
