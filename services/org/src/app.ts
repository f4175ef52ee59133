import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { OrgAppEnv } from "./lib/types";
import { apiKeysRouter } from "./routes/api-keys/api-keys.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { contextRouter } from "./routes/context/context.router";
import { domainsRouter } from "./routes/domains/domains.router";
import { membersRouter } from "./routes/members/members.router";
import { onboardingRouter } from "./routes/onboarding/onboarding.router";
import { orgBuildersRouter } from "./routes/org-builders/org-builders.router";
import { organizationsRouter } from "./routes/organizations/organizations.router";
import { settingsRouter } from "./routes/settings/settings.router";

export const app = createApp<OrgEnv, OrgAppEnv["Variables"]>({
  service: "org-service",
  title: "Organization service",
  version: "1.0.0",
  description:
    "Organizations, settings, org builders, onboarding, members, API keys, verified domains, the audit log and AI context.",
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
    domainsRouter,
  ],
});
