import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { UserAppEnv } from "./lib/types";
import { usersRouter } from "./routes/users/users.router";

export const app = createApp<UserEnv, UserAppEnv["Variables"]>({
  service: "user-service",
  title: "User service",
  version: "1.0.0",
  description:
    "Users, profiles, permissions, roles, search, onboarding builders and the billing-builder proxy.",
  health: async (c) => {
    await c.env.DB.prepare("SELECT 1").first();
    return { d1: "ok" };
  },
});

app.use("/api/v1/*", async (c, next) => {
  c.set("db", createDb(c.env.DB));
  await next();
});

app.route("/", usersRouter);
