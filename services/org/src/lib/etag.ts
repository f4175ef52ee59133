import { z } from "@hono/zod-openapi";
import { ApiError, errorsFor } from "@svc/platform";
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

/** The 412; with the current version known, its ETag comes along so the caller need not re-read to retry. */
export const stale = (current?: number) =>
  new ApiError("PRECONDITION_FAILED", "The resource changed since you read it; fetch it again", {
    details: [{ path: "header.if-match", message: "Does not match the current ETag" }],
    headers: current === undefined ? {} : { ETag: etagOf(current) },
  });

export const IfMatchHeaders = z.object({
  "if-match": z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "The ETag from a previous GET; a stale one is 412 PRECONDITION_FAILED" }),
});

const etagSchema = { type: "string" as const, maxLength: 20, pattern: '^"v\\d{1,15}"$' };

export const etagHeader = {
  ETag: { description: "Version tag for If-Match", required: true, schema: etagSchema },
};

/** A create's answer: its ETag, except on an Idempotency-Key replay (the stored answer's body alone). */
export const createdEtagHeader = {
  ETag: {
    description: "Version tag for If-Match (not sent on an Idempotency-Key replay)",
    schema: etagSchema,
  },
};

/** The 412 of a route that honours If-Match. */
export const staleResponse = {
  412: {
    ...errorsFor("PRECONDITION_FAILED")[412],
    headers: {
      ETag: { description: "The current version's tag, when the resource still exists", schema: etagSchema },
    },
  },
};
