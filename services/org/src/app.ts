import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { OrgAppEnv } from "./lib/types";
import { apiKeysRouter } from "./routes/api-keys/api-keys.router";
import { assetsRouter } from "./routes/assets/assets.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { contextRouter } from "./routes/context/context.router";
import { logoRouter } from "./routes/logo/logo.router";
import { membersRouter } from "./routes/members/members.router";
import { onboardingRouter } from "./routes/onboarding/onboarding.router";
import { orgBuildersRouter } from "./routes/org-builders/org-builders.router";
import { organizationsRouter } from "./routes/organizations/organizations.router";
import { settingsRouter } from "./routes/settings/settings.router";
import { uploadsRouter } from "./routes/uploads/uploads.router";

export const app = createApp<OrgEnv, OrgAppEnv["Variables"]>({
  service: "org-service",
  title: "Organization service",
  version: "1.0.0",
  description:
    "Organizations, settings, logos, org builders, onboarding, members, API keys, the audit log and AI context.",
  database: createDb,
  // Literal segments (org-builders, onboard) go before the `/{id}` routes they resemble.
  routers: [
    orgBuildersRouter,
    onboardingRouter,
    organizationsRouter,
    settingsRouter,
    apiKeysRouter,
    auditLogRouter,
    membersRouter,
    contextRouter,
    logoRouter,
    uploadsRouter,
    assetsRouter,
  ],
  // The browser PUTs a two-step upload's bytes here itself; the signed token is the credential.
  ungated: ["/api/v1/uploads/"],
});
