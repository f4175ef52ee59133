import { exports } from "cloudflare:workers";
import { describeGuardMatrixFor } from "@svc/platform/testing";
import { tokenFor } from "../test/helpers";
import { app } from "./app";

await describeGuardMatrixFor(
  app,
  (req) => exports.default.fetch(req),
  async (issuer) => {
    const { user, token } = await tokenFor(issuer);
    return { token, organizationId: user.organizationId! };
  },
);
