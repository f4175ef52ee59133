import { z } from "@hono/zod-openapi";
import { NameText, TimestampSchema, UserSchema } from "@svc/contracts";

const Name = NameText(255);

/**
 * Only the name: the picture is owned by `POST/DELETE …/profile-picture`, which store checked bytes
 * in R2, so a profile never points at an arbitrary URL.
 */
export const ProfilePatchSchema = z.object({ name: Name }).strict().openapi("ProfilePatch");

export const OnboardSchema = z.object({ name: Name }).strict().openapi("Onboard");

/**
 * The caller, and whether their organization is still live: `deleted` (restorable by its owner
 * until `organizationRestorableUntil`; members may create an organization and
 * move out), or `unknown` when the org service could not be asked.
 */
export const MeSchema = UserSchema.extend({
  organizationState: z.enum(["active", "deleted", "unknown"]),
  organizationRestorableUntil: TimestampSchema.nullable(),
}).openapi("Me");
