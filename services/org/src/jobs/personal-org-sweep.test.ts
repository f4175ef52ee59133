import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { rowsOf } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { createOrg, createUser } from "../../test/helpers";
import worker from "../index";
import { SWEEP_GRACE_MS } from "./personal-org-sweep";

const deletedAt = async (id: string) =>
  (
    await env.DB.prepare("SELECT deleted_at FROM organization WHERE id = ?")
      .bind(id)
      .first<{ deleted_at: number | null }>()
  )?.deleted_at ?? null;

describe("the memberless personal-org sweep (scheduled)", () => {
  it("retires a personal org with no member once it is past the grace period, audited; keeps the rest", async () => {
    const orphan = await createOrg({ kind: "personal", creatorId: crypto.randomUUID() });
    const kept = await createOrg({ kind: "personal" });
    await createUser(kept.id, "owner");
    const business = await createOrg();

    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now() }),
      env,
      createExecutionContext(),
    );
    expect(await deletedAt(orphan.id)).toBeNull();

    const later = Date.now() + SWEEP_GRACE_MS + 60_000;
    await worker.scheduled(
      createScheduledController({ scheduledTime: later }),
      env,
      createExecutionContext(),
    );
    expect(await deletedAt(orphan.id)).toEqual(expect.any(Number));
    expect(await deletedAt(kept.id)).toBeNull();
    expect(await deletedAt(business.id)).toBeNull();
    const audit = await rowsOf<{ actor_type: string; actor_id: string; metadata: string }>(
      env.DB,
      "SELECT actor_type, actor_id, metadata FROM audit_log WHERE organization_id = ? AND action = 'organization.delete'",
      orphan.id,
    );
    expect(audit).toEqual([
      { actor_type: "system", actor_id: "job", metadata: JSON.stringify({ reason: "memberless" }) },
    ]);
  });
});
