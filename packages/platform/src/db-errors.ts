/**
 * D1 reports a unique-constraint failure as a plain Error whose message names the columns;
 * drizzle wraps it (the original sits under `.cause`), so walk the whole chain.
 * Returns the "table.column" list of the violated constraint, or null.
 */
export function uniqueViolation(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const match = /UNIQUE constraint failed: ([\w., ]+)/.exec(e.message);
    if (match?.[1]) return match[1];
  }
  return null;
}
