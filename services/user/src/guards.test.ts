import { SELF } from "cloudflare:test";
import { describeGuardMatrixFor } from "@svc/platform/testing";
import { tokenFor } from "../test/helpers";
import { app } from "./app";

await describeGuardMatrixFor(
  app,
  (req) => SELF.fetch(req),
  async (issuer) => {
    const { user, token } = await tokenFor(issuer);
    return { token, organizationId: user.organizationId! };
  },
);
