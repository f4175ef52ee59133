import type { User } from "@svc/contracts";
import { expectData, expectError, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUserWith } from "../../../test/helpers";

const move = (id: string, body: unknown) =>
  api(`/api/v1/users/${id}/membership`, { method: "PUT", ...json(body, serviceHeaders()) });

describe("PUT /api/v1/users/{id}/membership", () => {
  it("moves a user into another organization with the role's default permissions", async () => {
    const user = await createUserWith({
      role: "member",
      permissions: {
        chat: { enabled: false, components: ["x"], lookbackWindow: 1 },
        interactions: { enabled: false },
        patterns: { enabled: false },
        teamManagement: { enabled: true },
        apiKeyManagement: { enabled: true },
      },
    });
    const organizationId = crypto.randomUUID();
    const { data } = await expectData<{ data: User }>(
      await move(user.id, { organizationId, role: "owner" }),
      200,
    );
    expect(data).toMatchObject({ id: user.id, organizationId, role: "owner" });
    expect(data.permissions).toEqual({
      chat: { enabled: true, components: [], lookbackWindow: 30 },
      interactions: { enabled: true },
      patterns: { enabled: true },
      teamManagement: { enabled: true },
      apiKeyManagement: { enabled: true },
    });
  });

  it("answers 404 for an unknown user and 400 for a bad body", async () => {
    const organizationId = crypto.randomUUID();
    await expectError(await move(crypto.randomUUID(), { organizationId, role: "member" }), 404, "NOT_FOUND");
    const user = await createUserWith({});
    const body = await expectError(
      await move(user.id, { organizationId: "x", role: "boss" }),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details.map((d) => d.path)).toEqual(["body.organizationId", "body.role"]);
  });

  it("moves only while the user is still in fromOrganizationId (compare-and-set)", async () => {
    const user = await createUserWith({});
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    const from = user.organizationId!;
    await expectData(
      await move(user.id, { organizationId: first, role: "owner", fromOrganizationId: from }),
      200,
    );
    const stale = await move(user.id, { organizationId: second, role: "owner", fromOrganizationId: from });
    await expectError(stale, 409, "CONFLICT");
    const again = await expectData<{ data: User }>(
      await move(user.id, { organizationId: second, role: "owner", fromOrganizationId: first }),
      200,
    );
    expect(again.data.organizationId).toBe(second);
  });
});
