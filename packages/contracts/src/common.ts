import { z } from "@hono/zod-openapi";

export const IdSchema = z.uuid().max(36).openapi({ example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d" });
/** ISO 8601 in UTC as `toISOString` writes it (24 characters); 30 leaves room for finer precision. */
export const TimestampSchema = z.iso.datetime().max(30).openapi({ example: "2026-01-01T00:00:00.000Z" });
export const RoleSchema = z.enum(["member", "admin", "owner"]);

/** The largest page any list answers. */
export const MAX_PAGE_SIZE = 100;
/** The longest cursor any list hands out (the email search's carries the email it stopped at). */
const MAX_CURSOR_LENGTH = 600;

/** `cursor` and `limit` of a keyset-paginated list; a cursor that carries more may be longer. */
export const cursorQuery = ({ maxLimit = MAX_PAGE_SIZE, maxCursorLength = 200 } = {}) =>
  z.object({
    cursor: z
      .string()
      .min(1)
      .max(maxCursorLength)
      .optional()
      .openapi({ description: "Opaque cursor from the previous page" }),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(20),
  });

export const CursorQuerySchema = cursorQuery();

export const CursorPaginationSchema = z
  .object({
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
    nextCursor: z.string().max(MAX_CURSOR_LENGTH).nullable(),
    hasMore: z.boolean(),
  })
  .openapi("CursorPagination");

export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item).max(MAX_PAGE_SIZE), pagination: CursorPaginationSchema });
