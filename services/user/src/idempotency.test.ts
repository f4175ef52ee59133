import { env } from "cloudflare:workers";
import {
  createBarrier,
  expectError,
  expectIdempotencyCleanup,
  holdAt,
  json,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it, vi } from "vitest";
import { api, apiWith } from "../test/helpers";
import worker from "./index";

const identity = () => {
  const id = crypto.randomUUID().slice(0, 8);
  return { betterAuthUserId: `ba_${id}`, email: `idem-${id}@example.com`, name: `Idem ${id}` };
};
const request = (body: unknown, key: string) => ({
  method: "POST",
  ...json(body, { ...serviceHeaders(), "idempotency-key": key }),
});
const usersWithEmail = async (email: string) =>
  (await env.DB.prepare("select count(*) as n from user where email = ?").bind(email).first<{ n: number }>())!
    .n;

/** Every create POST of the user service, with a fresh body and how many rows it made. */
const CREATES = [
  ["POST /users/create", "/api/v1/users/create", identity],
  ["POST /users (auth-service sync)", "/api/v1/users", identity],
  ["POST /user-builders", "/api/v1/user-builders", () => ({ ...identity(), expiresInSeconds: 600 })],
] as const;

describe("Idempotency-Key on every create", () => {
  it.each(CREATES)(
    "%s: replays the first answer (status, body, headers) once, 422 for another body",
    async (_, path, body) => {
      const key = crypto.randomUUID();
      const payload = body();
      const first = await api(path, request(payload, key));
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      const firstBody = await first.text();
      const replay = await api(path, request(payload, key));
      expect(replay.status).toBe(201);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(await replay.text()).toBe(firstBody);
      if (path !== "/api/v1/user-builders") expect(await usersWithEmail(payload.email)).toBe(1);
      await expectError(await api(path, request(body(), key)), 422, "UNPROCESSABLE_ENTITY");
    },
  );

  it("answers 409 to the same key while the first request is still running", async () => {
    const payload = identity();
    const key = crypto.randomUUID();
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^insert into "user"/i.test(sql));
    const first = apiWith({ DB }, "/api/v1/users/create", request(payload, key));
    await vi.waitUntil(() => gate.arrived === 1, { timeout: 15_000 });
    const busy = await expectError(await api("/api/v1/users/create", request(payload, key)), 409, "CONFLICT");
    expect(busy.error.message).toMatch(/in progress/);
    await gate.arrive();
    expect((await first).status).toBe(201);
    const replay = await api("/api/v1/users/create", request(payload, key));
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await usersWithEmail(payload.email)).toBe(1);
  });

  it("is cleaned up by the user service's own scheduled job", async () => {
    await expectIdempotencyCleanup("user-service", worker);
  });
});
