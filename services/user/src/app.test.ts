import { describeAppBasics, expectError, serviceHeaders } from "@svc/platform/testing";
import { describe, it } from "vitest";
import { api, apiWith } from "../test/helpers";

describe("app basics", () => {
  describeAppBasics({
    service: "user-service",
    api,
    apiWithDb: (db, path, init) => apiWith({ DB: db }, path, init),
    postPath: "/api/v1/users/create",
    missing: (id) => ({ path: `/api/v1/users/${id}`, headers: serviceHeaders(crypto.randomUUID()) }),
  });
});

describe("envelope", () => {
  it("answers a malformed JSON body with the INVALID_INPUT envelope", async () => {
    const res = await api("/api/v1/users/create", {
      method: "POST",
      body: "{not json",
      headers: { ...serviceHeaders(), "content-type": "application/json" },
    });
    await expectError(res, 400, "INVALID_INPUT");
  });
});
