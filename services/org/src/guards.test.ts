import { SELF } from "cloudflare:test";
import { createIssuer, describeGuardMatrix, guardedOperations, stubOutbound } from "@svc/platform/testing";
import { afterEach, beforeAll, beforeEach, vi } from "vitest";
import { createOrg, tokenFor } from "../test/helpers";
import { app } from "./app";

// The matrix is derived from the worker's own OpenAPI document, so new routes are covered as they land.
const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "org", version: "test" } });

let issuer: Awaited<ReturnType<typeof createIssuer>>;
let member: { token: string; organizationId: string } | undefined;
beforeAll(async () => {
  issuer = await createIssuer();
});
beforeEach(() => {
  stubOutbound(issuer);
});
afterEach(() => vi.restoreAllMocks());

describeGuardMatrix(guardedOperations(doc as never), {
  fetch: (req) => SELF.fetch(req),
  user: async () => {
    if (!member) {
      const org = await createOrg();
      member = { token: (await tokenFor(issuer, org.id)).token, organizationId: org.id };
    }
    return member;
  },
});
