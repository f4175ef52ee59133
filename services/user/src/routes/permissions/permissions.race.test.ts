import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import {
  answerJwksInEveryTest,
  createBarrier,
  createIssuer,
  expectData,
  expectError,
  holdAt,
  json,
  serviceHeaders,
  userHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, apiWith, createUser } from "../../../test/helpers";

const issuer = await createIssuer();
answerJwksInEveryTest(issuer);

const as = async (user: User) => userHeaders(await issuer.sign(user.betterAuthUserId));
const demote = { method: "PATCH", ...json({ role: "member" }, {}) };
const patchRole = (target: User, headers: Record<string, string>, DB?: D1Database) =>
  apiWith(DB ? { DB } : {}, `/api/v1/users/${target.id}/role`, {
    ...demote,
    headers: { ...demote.headers, ...headers },
  });
const roleOf = async (target: User) =>
  (
    await expectData<{ data: User }>(
      await api(`/api/v1/users/${target.id}`, { headers: await as(target) }),
      200,
    )
  ).data.role;

describe("the last-owner rule", () => {
  it("counts only live owners: with the other owner removed, the remaining one cannot be demoted", async () => {
    const a = await createUser(undefined, "owner");
    const b = await createUser(a.organizationId, "owner");
    const removed = await api(`/api/v1/users/${b.id}`, { method: "DELETE", headers: await as(a) });
    expect(removed.status).toBe(204);
    await expectError(await patchRole(a, serviceHeaders(a.organizationId!)), 409, "CONFLICT");
    expect(await roleOf(a)).toBe("owner");
  });

  it("lets only one of two owners' concurrent demotions win, even when both read before either writes", async () => {
    const a = await createUser(undefined, "owner");
    const b = await createUser(a.organizationId, "owner");
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "user"/i.test(sql));
    const headers = serviceHeaders(a.organizationId!);
    const responses = await Promise.all([patchRole(a, headers, DB), patchRole(b, headers, DB)]);
    expect(gate.arrived).toBe(2);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    await expectError(responses.find((r) => r.status === 409)!, 409, "CONFLICT");
    const roles = await Promise.all(
      [a, b].map((u) =>
        env.DB.prepare("select role from user where id = ?").bind(u.id).first<{ role: string }>(),
      ),
    );
    expect(roles.map((r) => r!.role).sort()).toEqual(["member", "owner"]);
  });
});
