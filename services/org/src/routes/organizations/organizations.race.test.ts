import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { createBarrier, expectData, expectError, holdAt, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg } from "../../../test/helpers";

/** Runs two requests against a DB whose statements `hold` matches wait until both have reached one. */
async function race(hold: RegExp, requests: [string, RequestInit][]) {
  const gate = createBarrier(requests.length);
  const DB = holdAt(env.DB, gate, (sql) => hold.test(sql));
  const responses = await Promise.all(requests.map(([path, init]) => callWith(path, init, { DB })));
  expect(gate.arrived).toBe(requests.length);
  return responses;
}
const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

describe("If-Match and unique slugs when requests overlap", () => {
  it("lets one of two PATCHes with the same If-Match win when both read before either writes", async () => {
    const org = await createOrg();
    const headers = { ...serviceHeaders(org.id), "if-match": '"v1"' };
    const patch = (name: string): [string, RequestInit] => [
      `/api/v1/organizations/${org.id}`,
      { method: "PATCH", ...json({ name }, headers) },
    ];
    const responses = await race(/^update "organization"/i, [patch("Left"), patch("Right")]);
    expect(statuses(responses)).toEqual([200, 412]);
    const { data } = await expectData<{ data: Organization }>(responses.find((r) => r.status === 200)!, 200);
    await expectError(responses.find((r) => r.status === 412)!, 412, "PRECONDITION_FAILED");
    const stored = await env.DB.prepare("select name, version from organization where id = ?")
      .bind(org.id)
      .first();
    expect(stored).toEqual({ name: data.name, version: 2 });
  });

  it("lets one of two settings PUTs with the same If-Match win when both read before either writes", async () => {
    const org = await createOrg();
    const path = `/api/v1/organizations/${org.id}/settings/features`;
    const put = (body: unknown, etag: string): RequestInit => ({
      method: "PUT",
      ...json(body, { ...serviceHeaders(org.id), "if-match": etag }),
    });
    await expectData(await api(path, put({ enableSignups: false }, '"v0"')), 200);
    const responses = await race(/^insert into "organization_settings"/i, [
      [path, put({ enableSignups: true }, '"v1"')],
      [path, put({ enableSignups: false }, '"v1"')],
    ]);
    expect(statuses(responses)).toEqual([200, 412]);
    await expectError(responses.find((r) => r.status === 412)!, 412, "PRECONDITION_FAILED");
    const row = await env.DB.prepare("select version from organization_settings where organization_id = ?")
      .bind(org.id)
      .first<{ version: number }>();
    expect(row!.version).toBe(2);
  });

  it("gives an explicit slug to one of two creates when both are past any check before either inserts", async () => {
    const slug = `race-${crypto.randomUUID().slice(0, 8)}`;
    const create = (name: string): [string, RequestInit] => [
      "/api/v1/organizations",
      { method: "POST", ...json({ name, slug }, serviceHeaders()) },
    ];
    const responses = await race(/^insert into "organization"/i, [create("One"), create("Two")]);
    expect(statuses(responses)).toEqual([201, 409]);
    await expectError(responses.find((r) => r.status === 409)!, 409, "CONFLICT");
    const { n } = (await env.DB.prepare("select count(*) as n from organization where slug = ?")
      .bind(slug)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
  });
});
