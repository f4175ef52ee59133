import { z } from "@hono/zod-openapi";
import { dataResponse, errorsFor } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { UserIdParams } from "../../lib/params";

const tags = ["Profile"];
const self = { principals: ["user"], scope: "caller" } as const;

const PictureSchema = z.object({ profilePictureUrl: z.url().max(2048) }).openapi("ProfilePicture");
const PictureFormSchema = z
  .object({
    // Checked by the handler (a file, then its bytes); the schema only documents it.
    picture: z.any().openapi({
      type: "string",
      format: "binary",
      maxLength: 5 * 1024 * 1024,
      description: "PNG, JPEG or WebP, at most 5 MB",
    }),
  })
  .openapi("ProfilePictureUpload");

export const upload = guardedRoute(self, {
  method: "post",
  path: "/api/v1/users/{id}/profile-picture",
  tags,
  operationId: "uploadUserProfilePicture",
  summary: "Upload one's own profile picture (multipart field `picture`)",
  description:
    "The same checks as organization logos: PNG, JPEG or WebP by the bytes (else 415), at most 5 MB " +
    "(413) and 4096 × 4096 pixels (400). Stored as `avatars/{userId}/{sha256}.{ext}`; the previous " +
    "picture's object is deleted once the new URL is saved.",
  request: {
    params: UserIdParams,
    body: { required: true, content: { "multipart/form-data": { schema: PictureFormSchema } } },
  },
  responses: {
    200: dataResponse(PictureSchema, "The new picture URL"),
    ...errorsFor("NOT_FOUND", "PAYLOAD_TOO_LARGE"),
  },
});

export const remove = guardedRoute(self, {
  method: "delete",
  path: "/api/v1/users/{id}/profile-picture",
  tags,
  operationId: "deleteUserProfilePicture",
  summary: "Remove one's own profile picture",
  description: "Sets profilePictureUrl to null and deletes the stored object.",
  request: { params: UserIdParams },
  responses: { 204: { description: "Removed (also when there was none)" }, ...errorsFor("NOT_FOUND") },
});

export type UploadRoute = typeof upload;
export type RemoveRoute = typeof remove;
