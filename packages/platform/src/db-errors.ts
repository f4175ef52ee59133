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

/**
 * True when D1 itself failed (storage reset, overload, a network error reaching it), as opposed to
 * a statement it refused (a constraint, a type error: our bug, which stays a 500). Such a failure
 * is a dependency being down: the caller gets a 503 it may retry.
 */
export function d1Unavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (
      /^D1_(ERROR|EXEC_ERROR)\b/.test(e.message) &&
      !/constraint failed|no such|syntax error/i.test(e.message)
    ) {
      return true;
    }
  }
  return false;
}
