import { z } from "@hono/zod-openapi";

/** What the delivery queue carries and the webhook receives (the consumer adds `id` per message). */
export const InvitationDeliverySchema = z.object({
  type: z.enum(["invitation.created", "invitation.resent"]),
  invitationId: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  email: z.string(),
  role: z.enum(["member", "admin"]),
  inviteUrl: z.string(),
  expiresAt: z.string(),
  invitedBy: z.string().nullable(),
  requestId: z.string(),
});
export type InvitationDelivery = z.infer<typeof InvitationDeliverySchema>;
