import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import type { OrgAppEnv } from "./lib/types";
import { apiKeysRouter } from "./routes/api-keys/api-keys.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { billingRouter } from "./routes/billing/billing.router";
import { contextRouter } from "./routes/context/context.router";
import { invitationsRouter } from "./routes/invitations/invitations.router";
import { lifecycleRouter } from "./routes/lifecycle/lifecycle.router";
import { membersRouter } from "./routes/members/members.router";
import { onboardingRouter } from "./routes/onboarding/onboarding.router";
import { orgBuildersRouter } from "./routes/org-builders/org-builders.router";
import { organizationsRouter } from "./routes/organizations/organizations.router";
import { settingsRouter } from "./routes/settings/settings.router";
import { stripeWebhookRouter } from "./routes/stripe-webhook/stripe-webhook.router";
import { WEBHOOK_PATH } from "./routes/stripe-webhook/stripe-webhook.routes";

export const app = createApp<OrgEnv, OrgAppEnv["Variables"]>({
  service: "org-service",
  title: "Organization service",
  version: "1.0.0",
  description:
    "Organizations, settings, org builders, onboarding, members, invitations, API keys, the audit log, AI context, plans and Stripe billing.",
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
    invitationsRouter,
    contextRouter,
    lifecycleRouter,
    billingRouter,
    stripeWebhookRouter,
  ],
  // Stripe cannot send the gateway key: its signature is the webhook's only credential.
  selfAuthenticated: [WEBHOOK_PATH],
});

app.openAPIRegistry.registerComponent("securitySchemes", "stripeSignature", {
  type: "apiKey",
  in: "header",
  name: "Stripe-Signature",
  description: "Stripe's signature over the raw body (the Stripe webhook's only credential).",
});
