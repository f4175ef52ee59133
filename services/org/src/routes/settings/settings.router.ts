import { createOrgRouter } from "../../lib/types";
import * as handlers from "./settings.handlers";
import * as routes from "./settings.routes";

export const settingsRouter = createOrgRouter()
  .openapi(routes.getAll, handlers.getAll)
  .openapi(routes.branding.get, (c) => handlers.getGroup(c, "branding"))
  .openapi(routes.branding.put, (c) => handlers.writeGroup(c, "branding", c.req.valid("json"), true))
  .openapi(routes.branding.patch, (c) => handlers.writeGroup(c, "branding", c.req.valid("json"), false))
  .openapi(routes.contact.get, (c) => handlers.getGroup(c, "contact"))
  .openapi(routes.contact.put, (c) => handlers.writeGroup(c, "contact", c.req.valid("json"), true))
  .openapi(routes.contact.patch, (c) => handlers.writeGroup(c, "contact", c.req.valid("json"), false))
  .openapi(routes.features.get, (c) => handlers.getGroup(c, "features"))
  .openapi(routes.features.put, (c) => handlers.writeGroup(c, "features", c.req.valid("json"), true))
  .openapi(routes.features.patch, (c) => handlers.writeGroup(c, "features", c.req.valid("json"), false));
