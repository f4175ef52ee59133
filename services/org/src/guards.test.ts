import { exports } from "cloudflare:workers";
import { describeGuardMatrixFor } from "@svc/platform/testing";
import { createOrg, tokenFor } from "../test/helpers";
import { app } from "./app";

await describeGuardMatrixFor(
  app,
  (req) => exports.default.fetch(req),
  async (issuer) => {
    const org = await createOrg();
    return { token: (await tokenFor(issuer, org.id)).token, organizationId: org.id };
  },
);
