import { z } from "@hono/zod-openapi";

const Name = z.string().trim().min(1).max(255);

/**
 * Only the name: the picture is owned by `POST/DELETE …/profile-picture`, which store checked bytes
 * in R2, so a profile never points at an arbitrary URL.
 */
export const ProfilePatchSchema = z.object({ name: Name }).strict().openapi("ProfilePatch");

export const OnboardSchema = z.object({ name: Name }).strict().openapi("Onboard");
