import { describe, expect, it } from "vitest";
import { decodeCursor, decodeKeyCursor, encodeCursor, keysetPage } from "./cursor";
import { ApiError } from "./errors";

describe("cursors", () => {
  it("round-trips the sort key of the last row", () => {
    const cursor = encodeCursor(["Ünïcode name", 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ["string", "number"])).toEqual(["Ünïcode name", 42]);
  });

  it("reads a one-key cursor, and nothing when there is no cursor", () => {
    expect(decodeKeyCursor(encodeCursor(["01940000-0000-7000-8000-000000000000"]))).toBe(
      "01940000-0000-7000-8000-000000000000",
    );
    expect(decodeKeyCursor(undefined)).toBeUndefined();
    expect(() => decodeKeyCursor(encodeCursor([42]))).toThrow(ApiError);
  });

  it.each([
    ["not base64 at all!!"],
    [encodeCursor(["only-one"])],
    [encodeCursor([1, "swapped"])],
    [btoa("{not json")],
  ])("refuses a cursor it did not issue (%s) with INVALID_INPUT", (cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor, ["string", "number"]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ code: "INVALID_INPUT", status: 400 });
  });

  it("trims the look-ahead row and points the cursor at the last row returned", () => {
    const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const page = keysetPage(rows, 2, (r) => [r.id]);
    expect(page.data).toEqual([{ id: "a" }, { id: "b" }]);
    expect(page.pagination).toEqual({ limit: 2, hasMore: true, nextCursor: encodeCursor(["b"]) });
    expect(keysetPage(rows.slice(0, 2), 2, (r) => [r.id]).pagination).toEqual({
      limit: 2,
      hasMore: false,
      nextCursor: null,
    });
  });
});
