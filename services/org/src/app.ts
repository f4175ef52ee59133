import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { OrgAppEnv } from "./lib/types";
import { membersRouter } from "./routes/members/members.router";
import { organizationsRouter } from "./routes/organizations/organizations.router";

export const app = createApp<OrgEnv, OrgAppEnv["Variables"]>({
  service: "org-service",
  title: "Organization service",
  version: "1.0.0",
  description:
    "Organizations, settings, members, invitations, domains, entitlements, API keys and AI context.",
  health: async (c) => {
    await c.env.DB.prepare("SELECT 1").first();
    return { d1: "ok" };
  },
});

app.use("/api/v1/*", async (c, next) => {
  c.set("db", createDb(c.env.DB));
  await next();
});

app.route("/", organizationsRouter);
app.route("/", membersRouter);
