import { z } from "@hono/zod-openapi";

/** The `{id}` path parameter of every route that acts on one organization. */
export const OrgIdParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: "id", in: "path" }, example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d" }),
});
