import type { UserPage } from "@svc/contracts";
import { jsonTextResponse, notFound } from "@svc/platform";
import { findOrganization } from "../../core/organizations.repository";
import type { AppRouteHandler } from "../../lib/types";
import { userService } from "../../lib/user-service";
import type { ListRoute } from "./members.routes";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const page = c.req.valid("query");
  // Both lookups start together; a missing organization still wins over the user service's answer.
  const [organization, members] = await Promise.allSettled([
    findOrganization(c.var.db, id),
    userService(c).listByOrganizationJson(id, page),
  ]);
  if (organization.status === "rejected") throw organization.reason;
  if (!organization.value) throw notFound("Organization");
  if (members.status === "rejected") throw members.reason;
  // The user service's page is the answer: passed through as it was written, never re-parsed.
  return jsonTextResponse<UserPage>(c, members.value);
};
