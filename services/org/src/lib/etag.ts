import { z } from "@hono/zod-openapi";
import { ApiError } from "@svc/platform";
import type { Context } from "hono";

export const etagOf = (version: number) => `"v${version}"`;

const TAG = /^(?:W\/)?"v(\d{1,15})"$/;

/**
 * The version an `If-Match` header requires: undefined when absent or `*` (no precondition).
 * A list or an unparsable tag can never match the current version, so it is a 412 outright.
 */
export function requiredVersion(c: Context): number | undefined {
  const header = c.req.header("if-match")?.trim();
  if (header === undefined || header === "*") return undefined;
  const match = TAG.exec(header);
  if (!match) throw stale();
  return Number(match[1]);
}

export const stale = () =>
  new ApiError("PRECONDITION_FAILED", "The resource changed since you read it; fetch it again", {
    details: [{ path: "header.if-match", message: "Does not match the current ETag" }],
  });

export const IfMatchHeaders = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "The ETag from a previous GET; a stale one is 412 PRECONDITION_FAILED" }),
});

export const etagHeader = {
  ETag: { description: "Version tag for If-Match", schema: { type: "string" as const } },
};
