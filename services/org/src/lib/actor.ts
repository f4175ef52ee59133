import type { Principal } from "@svc/platform";
import type { Context } from "hono";
import type { OrgAppEnv } from "./types";

export interface Actor {
  type: "service" | "user";
  id: string;
}

export function actorOf(c: Context<OrgAppEnv>): Actor {
  const principal = c.get("principal") as Principal;
  return principal.kind === "user"
    ? { type: "user", id: principal.user.id }
    : { type: "service", id: principal.keyFingerprint };
}

/** The key a principal's per-caller state (rate windows, idempotency keys) is filed under. */
export const principalKey = (c: Context<OrgAppEnv>) => {
  const actor = actorOf(c);
  return `${actor.type}:${actor.id}`;
};
