import { exports } from "cloudflare:workers";
import { concrete, expectError, fileIssuer, guardedOperations, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, memberOf } from "../test/helpers";
import { app } from "./app";

const doc: unknown = app.getOpenAPI31Document({
  openapi: "3.1.0",
  info: { title: "deleted org", version: "test" },
});
const issuer = await fileIssuer();
const scoped = guardedOperations(doc as Parameters<typeof guardedOperations>[0]).filter(
  (op) => typeof op.access.scope === "object" && !op.access.reachesDeletedOrg,
);

/** Every org-scoped operation of the OpenAPI document, so a route added later is walked too. */
describe("a soft-deleted organization is 404 on every org-scoped route", () => {
  it("walks the operations the context route is one of", () => {
    expect(scoped.map((op) => `${op.method} ${op.path}`)).toContain("GET /api/v1/organizations/{id}/context");
  });

  it.each(scoped)("$method $path", async ({ method, path, access }) => {
    // The org's owner, so a route for user principals only is walked with the caller it accepts.
    const { org, headers: owner } = await memberOf(issuer, "owner");
    const caller = access.principals.includes("service") ? serviceHeaders(org.id) : owner;
    const del = await api(`/api/v1/organizations/${org.id}`, {
      method: "DELETE",
      headers: serviceHeaders(org.id),
    });
    expect(del.status).toBe(204);
    const param = (access.scope as { param: string }).param;
    const res = await exports.default.fetch(
      new Request(`http://org.test${concrete(path, { [param]: org.id })}`, {
        method,
        headers: { ...caller, "content-type": "application/json" },
        body: method === "GET" || method === "DELETE" ? undefined : "{}",
      }),
    );
    await expectError(res, 404, "NOT_FOUND");
  });
});
