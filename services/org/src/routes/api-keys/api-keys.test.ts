import { env } from "cloudflare:workers";
import { expectData, expectError, fileIssuer, serviceHeaders, userHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, createUser, memberOf, post } from "../../../test/helpers";

const issuer = await fileIssuer();

interface Created {
  data: { id: string; key: string; prefix: string; scopes: string[]; organizationId: string };
}
const create = (orgId: string, body: unknown, headers: Record<string, string>) =>
  post(`/api/v1/organizations/${orgId}/api-keys`, body, headers);
const verify = (key: string) => post("/api/v1/api-keys/verify", { key }, serviceHeaders());

describe("org API keys", () => {
  it("creates a key shown once, stores only its hash, and verifies it", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    const { data } = await expectData<Created>(
      await create(org.id, { name: "CI", scopes: ["orders:read"] }, headers),
      201,
    );
    expect(data.key).toMatch(/^sk_live_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare("select * from api_key where id = ?")
      .bind(data.id)
      .first<Record<string, string>>();
    expect(JSON.stringify(row)).not.toContain(data.key.split("_").at(-1));

    const listed = await expectData<{ data: Record<string, unknown>[] }>(
      await api(`/api/v1/organizations/${org.id}/api-keys`, { headers }),
      200,
    );
    expect(listed.data).toEqual([expect.objectContaining({ id: data.id, prefix: data.prefix })]);
    expect(listed.data[0]).not.toHaveProperty("key");

    const verified = await expectData<{ data: unknown }>(await verify(data.key), 200);
    expect(verified.data).toEqual({ organizationId: org.id, scopes: ["orders:read"], keyId: data.id });
  });

  it("answers 401 for a wrong secret, an unknown prefix, a malformed key and a revoked key", async () => {
    const org = await createOrg();
    const { data } = await expectData<Created>(
      await create(org.id, { name: "K" }, serviceHeaders(org.id)),
      201,
    );
    await expectError(
      await verify(`${data.key.slice(0, -1)}${data.key.endsWith("A") ? "B" : "A"}`),
      401,
      "UNAUTHORIZED",
    );
    await expectError(await verify(`sk_live_000000000000_${"a".repeat(43)}`), 401, "UNAUTHORIZED");
    await expectError(await verify("nope"), 401, "UNAUTHORIZED");

    const revoked = await api(`/api/v1/organizations/${org.id}/api-keys/${data.id}`, {
      method: "DELETE",
      headers: serviceHeaders(org.id),
    });
    expect(revoked.status).toBe(204);
    await expectError(await verify(data.key), 401, "UNAUTHORIZED");
    await expectError(
      await api(`/api/v1/organizations/${org.id}/api-keys/${data.id}`, {
        method: "DELETE",
        headers: serviceHeaders(org.id),
      }),
      404,
      "NOT_FOUND",
    );
  });

  it("refuses a plain member but lets a member holding apiKeyManagement manage keys", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(await create(org.id, { name: "No" }, headers), 403, "FORBIDDEN");
    const permitted = await createUser(org.id, "member", {
      permissions: {
        chat: { enabled: true, components: [], lookbackWindow: 30 },
        interactions: { enabled: true },
        patterns: { enabled: true },
        teamManagement: { enabled: false },
        apiKeyManagement: { enabled: true },
      },
    });
    const token = await issuer.sign(permitted.betterAuthUserId);
    await expectData(await create(org.id, { name: "Yes" }, userHeaders(token)), 201);
  });

  it("validates the body and refuses another tenant's org", async () => {
    const org = await createOrg();
    const body = await expectError(
      await create(org.id, { name: "", scopes: ["Bad Scope"] }, serviceHeaders(org.id)),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["body.name", "body.scopes.0"]),
    );
    const { headers } = await memberOf(issuer, "admin");
    await expectError(await create(org.id, { name: "x" }, headers), 403, "FORBIDDEN");
  });
});
