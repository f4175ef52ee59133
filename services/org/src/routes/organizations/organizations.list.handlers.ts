import { ApiError, decodeCursor, encodeCursor } from "@svc/platform";
import type { AppRouteHandler } from "../../lib/types";
import { toOrganization } from "./organizations.dto";
import {
  countOrganizations,
  type ListFilter,
  listOrganizations,
  type Seek,
} from "./organizations.list.repository";
import type { ListRoute } from "./organizations.routes";

const CURSOR_SHAPE = ["string", "string", "string", "number", "string", "string"] as const;

/**
 * Page N is answered by an index seek when the caller passes the previous page's nextCursor
 * (which carries N and the last row's sort key), and by an offset over the narrow sort index
 * when it jumps to N directly. `total` comes from the counter row, or an index count when filtered.
 */
export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid("query");
  const principal = c.get("principal");
  const filter: ListFilter = {
    search: query.search?.toLowerCase(),
    onlyId: principal?.kind === "user" ? principal.user.organizationId : undefined,
  };
  const { sortBy, sortOrder, limit } = query;
  let page = query.page;
  let seek: Seek | undefined;
  if (query.cursor) {
    const [by, order, search, cursorPage, key, id] = decodeCursor(query.cursor, CURSOR_SHAPE) as [
      string,
      string,
      string,
      number,
      string,
      string,
    ];
    if (by !== sortBy || order !== sortOrder || search !== (filter.search ?? "")) {
      throw new ApiError("INVALID_INPUT", "The cursor belongs to a different sort or search", {
        details: [{ path: "query.cursor", message: "Send the same sortBy, sortOrder and search" }],
      });
    }
    page = cursorPage;
    seek = { key: sortBy === "name" ? key : Number(key), id };
  }
  const [rows, total] = await Promise.all([
    listOrganizations(c.var.db, { filter, sortBy, order: sortOrder, limit, seek, skip: (page - 1) * limit }),
    countOrganizations(c.var.db, filter),
  ]);
  const pages = Math.ceil(total / limit);
  const last = rows.at(-1);
  const nextCursor =
    last && rows.length === limit && page < pages
      ? encodeCursor([sortBy, sortOrder, filter.search ?? "", page + 1, String(last.sortKey), last.id])
      : null;
  return c.json(
    { data: rows.map(toOrganization), pagination: { page, limit, total, pages, nextCursor } },
    200,
  );
};
