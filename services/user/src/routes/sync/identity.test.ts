import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, expectError, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUser, createUserWith } from "../../../test/helpers";

const patch = (id: string, body: unknown) =>
  api(`/api/v1/users/${id}`, { method: "PATCH", ...json(body, serviceHeaders()) });

const entries = (userId: string) =>
  rowsOf<{ action: string; organizationId: string; metadata: string }>(
    env.DB,
    "SELECT action, organization_id AS organizationId, metadata FROM audit_log WHERE resource_id = ? AND action = 'user.identity.update'",
    userId,
  );

describe("PATCH /api/v1/users/{id} (auth-service identity sync)", () => {
  it("stores Better Auth's new email (lower-cased) and name, with an audit entry in the user's org", async () => {
    const user = await createUser();
    const email = `New-${crypto.randomUUID().slice(0, 8)}@Example.com`;
    const { data } = await expectData<{ data: User }>(await patch(user.id, { email, name: "Grace" }), 200);
    expect(data).toMatchObject({ id: user.id, email: email.toLowerCase(), name: "Grace", role: user.role });
    const [entry] = await entries(user.id);
    expect(entry).toMatchObject({ action: "user.identity.update", organizationId: user.organizationId });
    expect(JSON.parse(entry!.metadata)).toEqual({ fields: ["email", "name"] });
  });

  it("changes only the fields sent", async () => {
    const user = await createUser();
    const { data } = await expectData<{ data: User }>(await patch(user.id, { name: "Only Name" }), 200);
    expect(data).toMatchObject({ email: user.email, name: "Only Name" });
  });

  it("refuses an email another live user has (409) and changes nothing", async () => {
    const [user, other] = await Promise.all([createUser(), createUser()]);
    await expectError(await patch(user.id, { email: other.email.toUpperCase() }), 409, "CONFLICT");
    const [row] = await rowsOf<{ email: string }>(env.DB, "SELECT email FROM user WHERE id = ?", user.id);
    expect(row?.email).toBe(user.email);
    expect(await entries(user.id)).toEqual([]);
  });

  it("answers 404 for an unknown or deleted user, 400 for an empty or unknown field", async () => {
    await expectError(await patch(crypto.randomUUID(), { name: "X" }), 404, "NOT_FOUND");
    const gone = await createUserWith({});
    await env.DB.prepare("UPDATE user SET deleted_at = ? WHERE id = ?").bind(Date.now(), gone.id).run();
    await expectError(await patch(gone.id, { name: "X" }), 404, "NOT_FOUND");
    const user = await createUser();
    await expectError(await patch(user.id, {}), 400, "INVALID_INPUT");
    await expectError(await patch(user.id, { role: "owner" }), 400, "INVALID_INPUT");
  });
});
