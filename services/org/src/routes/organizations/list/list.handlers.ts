import type { z } from "@hono/zod-openapi";
import { ApiError, decodeCursor, encodeCursor, jsonListResponse } from "@svc/platform";
import type { AppRouteHandler } from "../../../lib/types";
import type { ListRoute } from "../organizations.routes";
import type { OrganizationPageSchema } from "../organizations.schemas";
import {
  type ListFilter,
  matchExpression,
  refusesSort,
  SEARCH_COUNT_CAP,
  type Seek,
  type SortBy,
  searchWords,
} from "./list.plan";
import { readPage } from "./list.repository";

type ListBody = z.infer<typeof OrganizationPageSchema>;

const CURSOR_SHAPE = ["string", "string", "string", "number", "string", "string"] as const;

/**
 * Page N is answered by an index seek when the caller passes the previous page's nextCursor
 * (which carries N and the last row's sort key), and by an offset over the narrow sort index
 * when it jumps to N directly — from the far end of the index when N is past the middle.
 * `total` comes from the counter row. A search reads the full-text index: by default in its match
 * order (newest first; `sortOrder=asc` oldest first), streamed from the index; it counts its
 * matches up to SEARCH_COUNT_CAP (beyond it `total` is a lower bound), and an explicit `sortBy`
 * is refused beyond the cap. Page and count are read in one D1 round trip (see `readPage`).
 * A search without a word (only punctuation or symbols) filters nothing.
 */
export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid("query");
  const principal = c.get("principal");
  const words = searchWords(query.search ?? "");
  const filter: ListFilter = {
    search: words.length > 0 ? matchExpression(words) : undefined,
    onlyId: principal?.kind === "user" ? principal.user.organizationId : undefined,
  };
  const { sortOrder, limit } = query;
  const sortBy: SortBy = query.sortBy ?? (filter.search === undefined ? "createdAt" : "match");
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
  const skip = (page - 1) * limit;
  const request = { filter, sortBy, order: sortOrder, limit, seek, skip };
  const { rows, total, exact } = await readPage(c.var.db, request);
  if (refusesSort(request, { total, exact })) {
    throw new ApiError("INVALID_INPUT", `The search matches more than ${SEARCH_COUNT_CAP} organizations`, {
      details: [
        {
          path: "query.sortBy",
          message: "Narrow the search, or leave sortBy out to page its matches in match order",
        },
      ],
    });
  }
  const pages = Math.ceil(total / limit);
  const last = rows.at(-1);
  const nextCursor =
    last && rows.length === limit && (page < pages || !exact)
      ? encodeCursor([sortBy, sortOrder, filter.search ?? "", page + 1, String(last.sortKey), last.id])
      : null;
  return jsonListResponse<ListBody>(
    c,
    rows.map((row) => row.document),
    { page, limit, total, pages, nextCursor },
  );
};
