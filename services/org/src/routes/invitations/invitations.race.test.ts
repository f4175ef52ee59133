import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import {
  createBarrier,
  expectData,
  fileIssuer,
  holdAt,
  json,
  rowsOf,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { callWith, createOrg, invite, personalUser } from "../../../test/helpers";

const issuer = await fileIssuer();

const PARTIES = 20;

describe("20 concurrent accepts of one token", () => {
  it("make exactly one membership: one claim, one retired personal org, one move, every answer 200", async () => {
    const org = await createOrg();
    const invitee = await personalUser(issuer);
    const issued = await invite(org.id, invitee.user.email);

    // Every request holds at the batch that claims the invitation, so all have read it pending first.
    const gate = createBarrier(PARTIES);
    const DB = holdAt(env.DB, gate, (sql) => /^update "invitation" set "status"/i.test(sql));
    const accept = () =>
      callWith(
        "/api/v1/invitations/accept",
        { method: "POST", ...json({ token: issued.token }, invitee.headers) },
        { DB },
      );
    const responses = await Promise.all(Array.from({ length: PARTIES }, accept));
    expect(gate.arrived).toBe(PARTIES);
    expect(responses.map((r) => r.status)).toEqual(Array(PARTIES).fill(200));

    const count = (sql: string, ...params: unknown[]) => rowsOf(env.DB, sql, ...params);
    expect(
      await count(
        "select id from audit_log where resource_id = ? and action = 'invitation.accept'",
        issued.invitation.id,
      ),
    ).toHaveLength(1);
    expect(
      await count(
        "select id from audit_log where resource_id = ? and action = 'organization.delete'",
        invitee.org.id,
      ),
    ).toHaveLength(1);
    const members = await env.USER_SERVICE.fetch(
      `http://user-service/api/v1/users/by-organization/${org.id}`,
      {
        headers: serviceHeaders(org.id),
      },
    );
    const page = await expectData<{ data: User[] }>(members, 200);
    expect(page.data.map((u) => u.id)).toEqual([invitee.user.id]);
  });
});
