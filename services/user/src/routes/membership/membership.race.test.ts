import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { createBarrier, expectData, expectError, holdAt, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { apiWith, createUserWith, orgId } from "../../../test/helpers";

describe("PUT /api/v1/users/{id}/membership under a race", () => {
  it("moves a user once when two moves from the same organization both read before either writes", async () => {
    const user = await createUserWith({});
    const from = user.organizationId!;
    const targets = [await orgId(), await orgId()];
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "user"/i.test(sql));
    const responses = await Promise.all(
      targets.map((organizationId) =>
        apiWith({ DB }, `/api/v1/users/${user.id}/membership`, {
          method: "PUT",
          ...json({ organizationId, role: "owner", fromOrganizationId: from }, serviceHeaders()),
        }),
      ),
    );
    expect(gate.arrived).toBe(2);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const { data } = await expectData<{ data: User }>(responses.find((r) => r.status === 200)!, 200);
    await expectError(responses.find((r) => r.status === 409)!, 409, "CONFLICT");
    const row = await env.DB.prepare("select organization_id from user where id = ?")
      .bind(user.id)
      .first<{ organization_id: string }>();
    expect(row!.organization_id).toBe(data.organizationId);
  });
});
