import { expect, it } from "vitest";
import { expectData } from "./http";

/** What a test pins for one operation: who may call it, in which scope, at what role. */
export interface PinnedAccess {
  principals: readonly ("service" | "user")[];
  scope: "global" | "caller" | { readonly param: string };
  minRole?: "member" | "admin" | "owner";
  permission?: string;
  rateLimit?: string;
  idempotent?: true;
  reachesDeletedOrg?: true;
  /** A plan feature the route requires (the org service's entitlement check). */
  feature?: string;
}

/** "METHOD /path" → the access the test expects, or "public" for an unguarded operation. */
export type AccessTable = Record<string, PinnedAccess | "public">;

/**
 * Holds a service's OpenAPI document to a table written in the test: every operation must be in
 * the table (a new route is added by hand) and declare exactly the pinned `x-access`. The guard
 * matrix derives its tenant cases from `x-access`, so a wrong declaration would otherwise remove
 * the test that should catch it.
 */
function expectAccessTable(
  doc: { paths: Record<string, Record<string, Record<string, unknown>>> },
  table: AccessTable,
) {
  const declared = Object.fromEntries(
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [
        `${method.toUpperCase()} ${path}`,
        (op["x-access"] as PinnedAccess | undefined) ?? "public",
      ]),
    ),
  );
  expect(Object.keys(declared).sort(), "operations in /openapi.json vs the pinned table").toEqual(
    Object.keys(table).sort(),
  );
  for (const [operation, access] of Object.entries(table)) {
    expect(declared[operation], operation).toEqual(access);
  }
}

/** Declares the test that reads the service's /openapi.json through `api` and holds it to `table`. */
export function itPinsAccessTable(api: (path: string) => Promise<Response>, table: AccessTable) {
  it("declares exactly the pinned access for every operation in /openapi.json", async () => {
    const doc = await expectData<Parameters<typeof expectAccessTable>[0]>(await api("/openapi.json"), 200);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expectAccessTable(doc, table);
  });
}
