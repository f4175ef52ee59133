import { notFound } from "@svc/platform";
import type { AppRouteHandler } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { findOrganization } from "../organizations/organizations.repository";
import type { ListRoute } from "./members.routes";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const page = c.req.valid("query");
  if (!(await findOrganization(c.var.db, id))) throw notFound("Organization");
  return c.json(await userService(c).listByOrganization(id, page), 200);
};
