import { SELF } from "cloudflare:test";
import { describeGuardMatrixFor } from "@svc/platform/testing";
import { createOrg, tokenFor } from "../test/helpers";
import { app } from "./app";

await describeGuardMatrixFor(
  app,
  (req) => SELF.fetch(req),
  async (issuer) => {
    const org = await createOrg();
    return { token: (await tokenFor(issuer, org.id)).token, organizationId: org.id };
  },
);
