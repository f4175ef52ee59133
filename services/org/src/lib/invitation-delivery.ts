import { logError } from "@svc/platform";
import type { Context } from "hono";
import type { InvitationDelivery } from "../core/invitations.delivery";
import type { OrgAppEnv } from "./types";

/**
 * Hands a new or resent invitation link to the delivery queue when a webhook is configured. The
 * invitation is already stored and the link is in the response, so a refused send is logged (never
 * the link) and the request still succeeds.
 */
export async function queueDelivery(c: Context<OrgAppEnv>, message: Omit<InvitationDelivery, "requestId">) {
  if (!c.env.INVITATION_WEBHOOK_URL) return;
  const requestId = c.get("requestId");
  try {
    await c.env.INVITATION_DELIVERY_QUEUE.send({ ...message, requestId });
  } catch (err) {
    logError(c, new Error("The invitation delivery queue refused the message", { cause: err }));
  }
}
