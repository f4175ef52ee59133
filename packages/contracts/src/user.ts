import { z } from "@hono/zod-openapi";
import { cursorPage, IdSchema, RoleSchema, TimestampSchema } from "./common";
import { OptionalNameText } from "./text";

const Toggle = z.object({ enabled: z.boolean() });

export const PermissionsSchema = z
  .object({
    chat: z.object({
      enabled: z.boolean(),
      components: z.array(z.string().min(1).max(64)).max(50),
      lookbackWindow: z.number().int().min(0).max(3650),
    }),
    interactions: Toggle,
    patterns: Toggle,
    teamManagement: Toggle,
    apiKeyManagement: Toggle,
  })
  .strict()
  .openapi("Permissions");
export type Permissions = z.infer<typeof PermissionsSchema>;

export const UserSchema = z
  .object({
    id: IdSchema,
    betterAuthUserId: z.string().max(255),
    organizationId: IdSchema.nullable(),
    email: z.email().max(320),
    name: z.string().max(255),
    profilePictureUrl: z.string().max(2048).nullable(),
    onboardingId: z.string().max(255).nullable(),
    permissions: PermissionsSchema,
    status: z.enum(["pending", "active"]),
    role: RoleSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  })
  .openapi("User");
export type User = z.infer<typeof UserSchema>;

/** A page of an organization's members, as `GET /users/by-organization/{organizationId}` answers it. */
export const UserPageSchema = cursorPage(UserSchema);
export type UserPage = z.infer<typeof UserPageSchema>;

/** `POST /users/create`: the org service's onboarding creates the owner through it. */
export const CreateUserSchema = z
  .object({
    betterAuthUserId: z.string().min(1).max(255),
    email: z.email().max(320),
    name: OptionalNameText(255).default(""),
    organizationId: IdSchema.nullable().default(null),
    role: RoleSchema.default("member"),
    status: z.enum(["pending", "active"]).default("pending"),
    permissions: PermissionsSchema.optional(),
  })
  .strict()
  .openapi("CreateUser");
/** What a caller sends: the defaulted fields may be left out. */
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/** `PUT /users/{id}/membership`: the org service moves a user into an organization. */
export const MembershipSchema = z
  .object({
    organizationId: IdSchema,
    role: RoleSchema,
    /** Compare-and-set: move only if the user is still in this organization (else 409). */
    fromOrganizationId: IdSchema.optional(),
  })
  .strict()
  .openapi("Membership");
export type Membership = z.infer<typeof MembershipSchema>;

/**
 * `POST /users/{id}/move-out/check`: the organization a user would leave, as the org service
 * (its owner) knows it. `deleted` covers soft-deleted and purged organizations alike.
 */
export const MoveOutCheckSchema = z
  .object({
    organizationId: IdSchema,
    kind: z.enum(["personal", "business"]),
    deleted: z.boolean(),
  })
  .strict()
  .openapi("MoveOutCheck");
export type MoveOutCheck = z.infer<typeof MoveOutCheckSchema>;

/** Whether the user may leave; `retire`: the emptied personal organization is to be soft-deleted. */
export const MoveOutVerdictSchema = z
  .object({ allowed: z.boolean(), retire: z.boolean(), reason: z.string().max(500).nullable() })
  .openapi("MoveOutVerdict");
export type MoveOutVerdict = z.infer<typeof MoveOutVerdictSchema>;

/** `POST /users/transfer-ownership`: one batch promotes `toUserId` and demotes `fromUserId` to admin. */
export const OwnershipTransferSchema = z
  .object({ organizationId: IdSchema, fromUserId: IdSchema, toUserId: IdSchema })
  .strict()
  .openapi("OwnershipTransfer");
export type OwnershipTransfer = z.infer<typeof OwnershipTransferSchema>;

export const OwnershipTransferResultSchema = z
  .object({ owner: UserSchema, previousOwner: UserSchema })
  .openapi("OwnershipTransferResult");
export type OwnershipTransferResult = z.infer<typeof OwnershipTransferResultSchema>;
