import { expect } from "vitest";
import { type Database, findViolations } from "../../../../scripts/invariants/checks";

/** The data invariants (scripts/invariants/checks.ts), on the test D1 bindings: none may be violated. */
export async function expectInvariants(databases: Record<Database, D1Database>, cutoff = Date.now()) {
  const violations = await findViolations(async (db, sql, params) => {
    const { results } = await databases[db]
      .prepare(sql)
      .bind(...params)
      .all<Record<string, unknown>>();
    return results;
  }, cutoff);
  expect(violations).toEqual([]);
}
