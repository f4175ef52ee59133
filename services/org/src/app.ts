import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { OrgAppEnv } from "./lib/types";
import { apiKeysRouter } from "./routes/api-keys/api-keys.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { contextRouter } from "./routes/context/context.router";
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
    "Organizations, settings, org builders, onboarding, members, API keys, the audit log and AI context.",
  tags: [
    { name: "Organizations", description: "Create, find, update and delete organizations." },
    {
      name: "Onboarding",
      description: "One call that makes an organization, its owner and its first API key.",
    },
    { name: "Org builders", description: "Onboarding drafts finalized into organizations." },
    { name: "Settings", description: "Branding, contact and feature settings, with defaults." },
    { name: "API keys", description: "The organization's API keys, and their verification for the gateway." },
    { name: "Audit log", description: "Who changed what in the organization, newest first." },
    { name: "Members", description: "The organization's members, as the user service holds them." },
    { name: "Context", description: "AI-generated business context, produced by a queued job." },
  ],
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
  ],
});
