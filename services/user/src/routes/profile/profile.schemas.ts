import { z } from "@hono/zod-openapi";
import { NameText } from "@svc/contracts";

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
