import { secretList } from "@svc/platform";
import { eq } from "drizzle-orm";
import { InvitationDeliverySchema } from "../core/invitations.delivery";
import { invitationTokenHash } from "../core/invitations.tokens";
import { createDb } from "../db/client";
import { invitation } from "../db/schema";

/** One delivery plus `max_retries = 5` from wrangler.org.toml; after that the message goes to the DLQ. */
export const DELIVERY_MAX_ATTEMPTS = 6;
const WEBHOOK_TIMEOUT_MS = 10_000;

const backoffSeconds = (attempts: number) => Math.min(600, 30 * 2 ** (attempts - 1));

/** Never the link, the token or the email: only which invitation and what happened. */
const log = (fields: Record<string, unknown>) =>
  console.log(
    JSON.stringify({ level: "info", service: "org-service", event: "invitation-delivery", ...fields }),
  );

/** Delivered only while the link still works: a resent (rotated), revoked or accepted one is skipped. */
async function stillCurrent(db: ReturnType<typeof createDb>, invitationId: string, inviteUrl: string) {
  const [row] = await db
    .select({ status: invitation.status, tokenHash: invitation.tokenHash })
    .from(invitation)
    .where(eq(invitation.id, invitationId))
    .limit(1);
  const token = inviteUrl.slice(inviteUrl.lastIndexOf("/") + 1);
  return row?.status === "pending" && row.tokenHash === (await invitationTokenHash(token));
}

async function handle(message: Message<unknown>, env: OrgEnv, db: ReturnType<typeof createDb>) {
  const parsed = InvitationDeliverySchema.safeParse(message.body);
  if (!parsed.success || !env.INVITATION_WEBHOOK_URL) {
    // Neither can ever succeed; retrying would only fill the DLQ.
    log({
      messageId: message.id,
      outcome: "dropped",
      reason: parsed.success ? "no webhook URL" : "invalid body",
    });
    message.ack();
    return;
  }
  const { requestId, ...delivery } = parsed.data;
  if (!(await stillCurrent(db, delivery.invitationId, delivery.inviteUrl))) {
    log({ invitationId: delivery.invitationId, outcome: "skipped", reason: "link no longer current" });
    message.ack();
    return;
  }
  try {
    const res = await fetch(env.INVITATION_WEBHOOK_URL, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Service-API-Key": secretList(env.SERVICE_API_KEY)[0] ?? "",
        "X-Request-Id": requestId,
      },
      // `id` is stable across retries, so the mailer can drop a second delivery of the same message.
      body: JSON.stringify({ id: message.id, ...delivery }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    log({
      invitationId: delivery.invitationId,
      type: delivery.type,
      outcome: "delivered",
      attempts: message.attempts,
    });
    message.ack();
  } catch (err) {
    const final = message.attempts >= DELIVERY_MAX_ATTEMPTS;
    log({
      invitationId: delivery.invitationId,
      outcome: final ? "dead-lettered" : "retry",
      attempts: message.attempts,
      reason: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 200) : "unknown error",
    });
    // Not acked: after the last attempt the queue moves the message to invitation-delivery-dlq.
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

export async function consumeInvitationBatch(batch: MessageBatch<unknown>, env: OrgEnv) {
  const db = createDb(env.DB);
  for (const message of batch.messages) await handle(message, env, db);
}
