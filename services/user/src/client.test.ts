import { exports } from "cloudflare:workers";
import { serviceHeaders } from "@svc/platform/testing";
import { hc } from "hono/client";
import { describe, expect, it } from "vitest";
import { createUser } from "../test/helpers";
import type { UserAppType } from "./app";

/** A typed client of this worker, as a consumer builds it from `UserAppType` alone. */
const clientFor = (organizationId: string) =>
  hc<UserAppType>("http://user.test", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
    headers: serviceHeaders(organizationId),
  });

describe("typed client (hc<UserAppType>)", () => {
  it("reads a user through a typed call, with a typed body", async () => {
    const user = await createUser(undefined, "admin");
    const organizationId = user.organizationId as string;
    const res = await clientFor(organizationId).api.v1.users[":id"].$get({ param: { id: user.id } });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const { data } = await res.json();
    expect(data).toMatchObject({ id: user.id, email: user.email, organizationId, role: "admin" });
  });

  it("knows only the routes the worker has (an unknown one is a type error, and a 404)", async () => {
    const client = clientFor(crypto.randomUUID());
    // @ts-expect-error `nope` is no route of the worker
    const res: Response = await client.api.v1.nope.$get();
    expect(res.status).toBe(404);
  });
});
