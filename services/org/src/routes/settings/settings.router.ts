import type { Context } from "hono";
import { createOrgRouter, type OrgAppEnv } from "../../lib/types";
import * as handlers from "./settings.handlers";
import * as routes from "./settings.routes";

/** A group route's answer: the group's settings, as read or as just written. */
const answer = async <T>(c: Context<OrgAppEnv>, group: Promise<T>) => c.json({ data: await group }, 200);

export const settingsRouter = createOrgRouter()
  .openapi(routes.getAll, handlers.getAll)
  .openapi(routes.branding.get, (c) => answer(c, handlers.readGroup(c, "branding")))
  .openapi(routes.branding.put, (c) =>
    answer(c, handlers.writeGroup(c, "branding", c.req.valid("json"), true)),
  )
  .openapi(routes.branding.patch, (c) =>
    answer(c, handlers.writeGroup(c, "branding", c.req.valid("json"), false)),
  )
  .openapi(routes.contact.get, (c) => answer(c, handlers.readGroup(c, "contact")))
  .openapi(routes.contact.put, (c) => answer(c, handlers.writeGroup(c, "contact", c.req.valid("json"), true)))
  .openapi(routes.contact.patch, (c) =>
    answer(c, handlers.writeGroup(c, "contact", c.req.valid("json"), false)),
  )
  .openapi(routes.features.get, (c) => answer(c, handlers.readGroup(c, "features")))
  .openapi(routes.features.put, (c) =>
    answer(c, handlers.writeGroup(c, "features", c.req.valid("json"), true)),
  )
  .openapi(routes.features.patch, (c) =>
    answer(c, handlers.writeGroup(c, "features", c.req.valid("json"), false)),
  );
