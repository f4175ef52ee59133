import { ApiError } from "./errors";

const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

/** An opaque keyset cursor: the sort key values of the last row of a page. */
export const encodeCursor = (values: readonly (string | number)[]) => toBase64Url(JSON.stringify(values));

export function decodeCursor(cursor: string, shape: readonly ("string" | "number")[]): (string | number)[] {
  try {
    const text = new TextDecoder().decode(
      Uint8Array.from(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")), (ch) => ch.charCodeAt(0)),
    );
    const values: unknown = JSON.parse(text);
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => typeof v === shape[i])
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the one error below
  }
  throw new ApiError("INVALID_INPUT", "Invalid pagination cursor", {
    details: [{ path: "query.cursor", message: "Not a cursor issued by this API" }],
  });
}

/** The key of a cursor over one string column (an id, an email); none without a cursor. */
export const decodeKeyCursor = (cursor: string | undefined) =>
  cursor ? String(decodeCursor(cursor, ["string"])[0]) : undefined;

/** Given limit+1 fetched rows, trims to the page and builds the pagination block. */
export function keysetPage<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return {
    data,
    pagination: { limit, hasMore, nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null },
  };
}
