import { createRoute, z } from "@hono/zod-openapi";
import { errorsFor, withPlatformHeaders } from "@svc/platform";

export const put = createRoute({
  method: "put",
  path: "/api/v1/uploads/{token}",
  tags: ["Logo"],
  operationId: "putOrganizationLogoUpload",
  summary: "Receive the bytes of a two-step logo upload (the ticket's uploadUrl)",
  description:
    "Called by the browser directly, so it takes no gateway key or principal: the signed token " +
    "(HMAC with UPLOAD_SIGNING_KEY over the tmpKey, organization, content type, exact length and " +
    "expiry) is the whole authorization. Single use; Content-Type must be the declared one (415) " +
    "and the body exactly the declared length (more: 413, otherwise 400). Answers CORS preflight " +
    "for the origins in UPLOAD_CORS_ORIGINS. The bytes are only checked as an image at finalize.",
  security: [],
  "x-signed-url": true,
  request: {
    params: z.object({
      token: z
        .string()
        .max(1024)
        .openapi({ param: { name: "token", in: "path" }, description: "The signed upload token" }),
    }),
    body: {
      required: true,
      content: {
        "image/*": { schema: z.string().openapi({ format: "binary", maxLength: 5 * 1024 * 1024 }) },
      },
    },
  },
  responses: withPlatformHeaders(
    {
      204: { description: "Stored; now call finalize with the tmpKey" },
      ...errorsFor(
        "INVALID_INPUT",
        "FORBIDDEN",
        "CONFLICT",
        "PAYLOAD_TOO_LARGE",
        "UNSUPPORTED_MEDIA_TYPE",
        "INTERNAL_ERROR",
        "SERVICE_UNAVAILABLE",
      ),
    },
    false,
  ),
});
