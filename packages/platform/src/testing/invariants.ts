import { expect } from "vitest";
import { type Bucket, type Database, findViolations, OBJECT_GRACE_MS } from "./invariant-checks";

/** Every key under `prefix`, following R2's pages. */
async function listAll(bucket: R2Bucket, prefix: string) {
  const objects: { key: string; uploaded: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor });
    for (const o of page.objects) objects.push({ key: o.key, uploaded: o.uploaded.getTime() });
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return objects;
}

interface Options {
  cutoff?: number;
  buckets?: Partial<Record<Bucket, R2Bucket>>;
  objectsAsOf?: number;
}

/**
 * The violations of the data invariants (invariant-checks.ts) on the test D1 bindings and
 * the R2 buckets given. `objectsAsOf`: the time the sweeps last ran as of (tests run them as if an
 * hour had passed); objects uploaded more than the sweeps' hour before it are checked.
 */
export function invariantViolations(databases: Record<Database, D1Database>, options: Options = {}) {
  const buckets = options.buckets ?? {};
  return findViolations(
    async (db, sql, params) => {
      const { results } = await databases[db]
        .prepare(sql)
        .bind(...params)
        .all<Record<string, unknown>>();
      return results;
    },
    options.cutoff ?? Date.now(),
    {
      list: (bucket, prefix) => listAll(buckets[bucket]!, prefix),
      buckets: Object.keys(buckets) as Bucket[],
      cutoff: (options.objectsAsOf ?? Date.now()) - OBJECT_GRACE_MS,
    },
  );
}

/** None of the data invariants may be violated (see `invariantViolations`). */
export async function expectInvariants(databases: Record<Database, D1Database>, options: Options = {}) {
  expect(await invariantViolations(databases, options)).toEqual([]);
}
