import { z } from "@hono/zod-openapi";
import { NameText, TimestampSchema, UserSchema } from "@svc/contracts";

const Name = NameText(255);
const PictureUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .nullable()
  .openapi({ example: "https://cdn.example.com/u/1.png" });

export const ProfilePatchSchema = z
  .object({ name: Name.optional(), profilePictureUrl: PictureUrl.optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.profilePictureUrl !== undefined, {
    message: "Send name, profilePictureUrl or both",
  })
  .openapi("ProfilePatch");

export const OnboardSchema = z
  .object({ name: Name, profilePictureUrl: PictureUrl.optional() })
  .strict()
  .openapi("Onboard");

/**
 * The caller, and whether their organization is still live: `deleted` (restorable by its owner
 * until `organizationRestorableUntil`; members may create an organization or accept an invitation
 * and move out), or `unknown` when the org service could not be asked.
 */
export const MeSchema = UserSchema.extend({
  organizationState: z.enum(["active", "deleted", "unknown"]),
  organizationRestorableUntil: TimestampSchema.nullable(),
}).openapi("Me");
