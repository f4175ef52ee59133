import { z } from "@hono/zod-openapi";

export const IdSchema = z.uuid().openapi({ example: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d" });
export const TimestampSchema = z.iso.datetime().openapi({ example: "2026-01-01T00:00:00.000Z" });
export const RoleSchema = z.enum(["member", "admin", "owner"]);

/** `cursor` and `limit` of a keyset-paginated list; a cursor that carries more may be longer. */
export const cursorQuery = ({ maxLimit = 100, maxCursorLength = 200 } = {}) =>
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
  .object({ limit: z.number().int(), nextCursor: z.string().nullable(), hasMore: z.boolean() })
  .openapi("CursorPagination");

export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), pagination: CursorPaginationSchema });
