import { cors } from "hono/cors";
import { createOrgRouter } from "../../lib/types";
import * as handlers from "./uploads.handlers";
import * as routes from "./uploads.routes";

const allowed = (list: string | undefined) =>
  (list ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);

/** Browsers PUT here directly, so this route has its own CORS allow-list (UPLOAD_CORS_ORIGINS). */
export const uploadsRouter = createOrgRouter();
uploadsRouter.use(
  "/api/v1/uploads/*",
  cors({
    origin: (origin, c) => (allowed(c.env.UPLOAD_CORS_ORIGINS).includes(origin) ? origin : null),
    allowMethods: ["PUT"],
    allowHeaders: ["Content-Type"],
    maxAge: 600,
  }),
);
uploadsRouter.openapi(routes.put, handlers.put);
