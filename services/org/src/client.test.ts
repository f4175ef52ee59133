import { exports } from "cloudflare:workers";
import { serviceHeaders } from "@svc/platform/testing";
import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import { createOrg } from "../test/helpers";
import type { OrgAppType } from "./app";

/** A typed client of this worker, as a consumer builds it from `OrgAppType` alone. */
const clientFor = (organizationId: string) =>
  hc<OrgAppType>("http://org.test", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
    headers: serviceHeaders(organizationId),
  });

describe("typed client (hc<OrgAppType>)", () => {
  it("reads an organization through a typed call, with a typed body", async () => {
    const org = await createOrg({ description: "Read through hc" });
    const res = await clientFor(org.id).api.v1.organizations[":id"].$get({ param: { id: org.id } });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const { data } = await res.json();
    expect(data).toMatchObject({
      id: org.id,
      name: org.name,
      slug: org.slug,
      description: "Read through hc",
    });
  });

  it("types the error answers too", async () => {
    const id = crypto.randomUUID();
    const res = await clientFor(id).api.v1.organizations[":id"].$get({ param: { id } });
    expect(res.status).toBe(404);
    if (res.status !== 404) return;
    expect((await res.json()).error.code).toBe("NOT_FOUND");
  });

  it("knows only the routes the worker has (an unknown one is a type error, and a 404)", async () => {
    const client = clientFor(crypto.randomUUID());
    // @ts-expect-error `nope` is no route of the worker
    const res: Response = await client.api.v1.nope.$get();
    expect(res.status).toBe(404);
  });
});
