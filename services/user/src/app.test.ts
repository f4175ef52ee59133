import { describeAppBasics, expectError, serviceHeaders } from "@svc/platform/testing";
import { describe, it } from "vitest";
import { api, apiWith } from "../test/helpers";

describe("app basics", () => {
  describeAppBasics({
    service: "user-service",
    api,
    apiWithDb: (db, path) => apiWith({ DB: db }, path),
    postPath: "/api/v1/users/create",
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
