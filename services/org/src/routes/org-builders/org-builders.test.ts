import { env } from "cloudflare:workers";
import type { Organization } from "@svc/contracts";
import { expectData, expectError, json, rowsOf, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api } from "../../../test/helpers";

const base = "/api/v1/organizations/org-builders";
const start = async (body: unknown) =>
  (
    await expectData<{ data: { id: string; finalizedOrgId: string | null } }>(
      await api(base, { method: "POST", ...json(body, serviceHeaders()) }),
      201,
    )
  ).data;
const finalize = (id: string) => api(`${base}/${id}/finalize`, { method: "POST", headers: serviceHeaders() });

describe("org builders", () => {
  it("drafts, reads back, and finalizes into an active org exactly once", async () => {
    const slug = `built-${crypto.randomUUID().slice(0, 8)}`;
    const ownerUserId = crypto.randomUUID();
    const draft = await start({ name: "Built Co", slug, ownerUserId });
    const read = await expectData<{ data: unknown }>(
      await api(`${base}/${draft.id}`, { headers: serviceHeaders() }),
      200,
    );
    expect(read.data).toMatchObject({ id: draft.id, name: "Built Co", slug, finalizedOrgId: null });

    const first = await expectData<{ data: Organization }>(await finalize(draft.id), 201);
    expect(first.data).toMatchObject({ slug, status: "active", kind: "business", creatorId: ownerUserId });
    const again = await Promise.all([finalize(draft.id), finalize(draft.id)]);
    for (const res of again)
      expect((await expectData<{ data: Organization }>(res, 200)).data.id).toBe(first.data.id);
    // The draft is in the org's audit log, before the org it became.
    const log = await rowsOf<{ action: string; resource_id: string }>(
      env.DB,
      "select action, resource_id from audit_log where organization_id = ? order by id",
      first.data.id,
    );
    expect(log).toEqual([
      { action: "org_builder.create", resource_id: draft.id },
      { action: "organization.create", resource_id: first.data.id },
    ]);
  });

  it("lets concurrent finalizes create one org", async () => {
    const draft = await start({ name: "Raced" });
    const results = await Promise.all(Array.from({ length: 5 }, () => finalize(draft.id)));
    const ids = new Set<string>();
    for (const res of results) ids.add((await expectData<{ data: Organization }>(res, res.status)).data.id);
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
  });

  it("refuses to finalize an incomplete draft and validates drafts", async () => {
    const draft = await start({ description: "no name yet" });
    await expectError(await finalize(draft.id), 400, "INVALID_INPUT");
    await expectError(
      await api(base, { method: "POST", ...json({ slug: "admin" }, serviceHeaders()) }),
      400,
      "INVALID_INPUT",
    );
    await expectError(
      await api(base, { method: "POST", ...json({ expiresInSeconds: 1 }, serviceHeaders()) }),
      400,
      "INVALID_INPUT",
    );
  });

  it("answers 404 for an unknown draft", async () => {
    const id = crypto.randomUUID();
    await expectError(await api(`${base}/${id}`, { headers: serviceHeaders() }), 404, "NOT_FOUND");
    await expectError(await finalize(id), 404, "NOT_FOUND");
  });
});
