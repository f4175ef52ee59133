import { z } from "@hono/zod-openapi";
import { CursorQuerySchema, IdSchema, TimestampSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

export const InvitationStatusSchema = z.enum(["pending", "accepted", "revoked", "expired"]);

export const InvitationSchema = z
  .object({
    id: IdSchema,
    organizationId: IdSchema,
    email: z.email().max(320),
    role: z.enum(["member", "admin"]),
    status: InvitationStatusSchema.openapi({
      description: "A pending invitation past its expiry reads as expired",
    }),
    expiresAt: TimestampSchema,
    invitedBy: IdSchema.nullable().openapi({ description: "The inviting user; null when a service invited" }),
    acceptedBy: IdSchema.nullable(),
    acceptedAt: TimestampSchema.nullable(),
    revokedAt: TimestampSchema.nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("Invitation");

export const CreateInvitationSchema = z
  .object({
    email: z.email().max(320),
    role: z.enum(["member", "admin"]).default("member"),
  })
  .strict()
  .openapi("CreateInvitation");

export const IssuedInvitationSchema = z
  .object({
    invitation: InvitationSchema,
    inviteUrl: z.url().max(4096).openapi({
      description: "The join link with the invitation's token; returned only by create and resend",
    }),
  })
  .openapi("IssuedInvitation");

export const InvitationListQuery = z.object({
  status: InvitationStatusSchema.optional(),
  ...CursorQuerySchema.shape,
});

export const InvitationParams = pathParams({ id: IdSchema, invId: IdSchema });

export const TokenSchema = z
  .object({ token: z.string().min(1).max(128) })
  .strict()
  .openapi("InvitationToken");

export const InvitationPreviewSchema = z
  .object({
    organization: z.object({
      name: z.string().max(255),
      slug: z.string().max(63),
      logoUrl: z.string().max(2048).nullable(),
    }),
    inviterName: z.string().max(255).nullable(),
    role: z.enum(["member", "admin"]),
    expiresAt: TimestampSchema,
    status: InvitationStatusSchema,
  })
  .openapi("InvitationPreview");
