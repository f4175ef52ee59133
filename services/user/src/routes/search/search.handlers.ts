import { decodeKeyCursor, keysetPage } from "@svc/platform";
import { toUser } from "../../core/user-document";
import type { AppRouteHandler } from "../../lib/types";
import { existingEmails, searchByEmailPrefix } from "./search.repository";
import type { CheckEmailsRoute, SearchEmailRoute } from "./search.routes";

export const searchEmail: AppRouteHandler<SearchEmailRoute> = async (c) => {
  const { q, cursor, limit } = c.req.valid("query");
  const after = decodeKeyCursor(cursor);
  const rows = await searchByEmailPrefix(c.var.db, c.var.tenantId!, q, { after, limit: limit + 1 });
  return c.json(
    keysetPage(rows.map(toUser), limit, (u) => [u.email]),
    200,
  );
};

export const checkEmails: AppRouteHandler<CheckEmailsRoute> = async (c) => {
  const body = c.req.valid("json");
  const emails = [...new Set(body.emails.map((e) => e.toLowerCase()))];
  const found = await existingEmails(c.var.db, emails, body.organizationId);
  return c.json(
    {
      data: { existing: emails.filter((e) => found.has(e)), missing: emails.filter((e) => !found.has(e)) },
    },
    200,
  );
};
