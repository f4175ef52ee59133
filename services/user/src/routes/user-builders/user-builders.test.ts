import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import { expectData, expectError, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api } from "../../../test/helpers";

interface Builder {
  id: string;
  draft: Record<string, unknown>;
  expiresAt: string;
  finalizedUserId: string | null;
}
const headers = serviceHeaders();
const createBuilder = (body: unknown) =>
  api("/api/v1/user-builders", { method: "POST", ...json(body, headers) });
const finalize = (id: string) => api(`/api/v1/user-builders/${id}/finalize`, { method: "POST", headers });
const draft = () => {
  const id = crypto.randomUUID();
  return { betterAuthUserId: `ba_${id}`, email: `Draft-${id}@Example.com`, name: "Draft", role: "admin" };
};

describe("user builders", () => {
  it("creates a draft that expires and reads it back", async () => {
    const { data } = await expectData<{ data: Builder }>(
      await createBuilder({ ...draft(), expiresInSeconds: 600 }),
      201,
    );
    expect(data.finalizedUserId).toBeNull();
    expect(Date.parse(data.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const read = await expectData<{ data: Builder }>(
      await api(`/api/v1/user-builders/${data.id}`, { headers }),
      200,
    );
    expect(read.data).toEqual(data);
  });

  it("finalizes into an active user, and a repeat (even concurrent) returns the same user", async () => {
    const input = draft();
    const { data: builder } = await expectData<{ data: Builder }>(await createBuilder(input), 201);
    const [a, b] = await Promise.all([finalize(builder.id), finalize(builder.id)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ua, ub] = [((await a.json()) as { data: User }).data, ((await b.json()) as { data: User }).data];
    expect(ua).toEqual(ub);
    expect(ua).toMatchObject({
      email: input.email.toLowerCase(),
      role: "admin",
      status: "active",
      onboardingId: builder.id,
    });
    const again = await expectData<{ data: User }>(await finalize(builder.id), 200);
    expect(again.data.id).toBe(ua.id);
  });

  it("refuses to finalize an incomplete draft (400, naming the missing fields)", async () => {
    const { data } = await expectData<{ data: Builder }>(await createBuilder({ name: "Only a name" }), 201);
    const body = await expectError(await finalize(data.id), 400, "INVALID_INPUT");
    expect(body.error.details.map((d) => d.path)).toEqual(["draft.betterAuthUserId", "draft.email"]);
  });

  it("treats an expired draft as gone (404) and unknown ids as 404", async () => {
    const { data } = await expectData<{ data: Builder }>(await createBuilder(draft()), 201);
    await env.DB.prepare("UPDATE user_builder SET expires_at = 1 WHERE id = ?").bind(data.id).run();
    await expectError(await api(`/api/v1/user-builders/${data.id}`, { headers }), 404, "NOT_FOUND");
    await expectError(await finalize(data.id), 404, "NOT_FOUND");
    await expectError(await finalize(crypto.randomUUID()), 404, "NOT_FOUND");
  });

  it("validates drafts: bad email, unknown field, too long an expiry (400)", async () => {
    for (const body of [{ email: "nope" }, { foo: 1 }, { expiresInSeconds: 999_999_999 }]) {
      await expectError(await createBuilder(body), 400, "INVALID_INPUT");
    }
  });
});
