import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import { apiKeysRouter } from "./routes/api-keys/api-keys.router";
import { assetsRouter } from "./routes/assets/assets.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { billingRouter } from "./routes/billing/billing.router";
import { contextRouter } from "./routes/context/context.router";
import { domainsRouter } from "./routes/domains/domains.router";
import { invitationsRouter } from "./routes/invitations/invitations.router";
import { lifecycleRouter } from "./routes/lifecycle/lifecycle.router";
import { logoRouter } from "./routes/logo/logo.router";
import { membersRouter } from "./routes/members/members.router";
import { onboardingRouter } from "./routes/onboarding/onboarding.router";
import { orgBuildersRouter } from "./routes/org-builders/org-builders.router";
import { organizationsRouter } from "./routes/organizations/organizations.router";
import { settingsRouter } from "./routes/settings/settings.router";
import { stripeWebhookRouter } from "./routes/stripe-webhook/stripe-webhook.router";
import { WEBHOOK_PATH } from "./routes/stripe-webhook/stripe-webhook.routes";
import { uploadsRouter } from "./routes/uploads/uploads.router";

export const app = createApp({
  service: "org-service",
  title: "Organization service",
  version: "1.0.0",
  description:
    "Organizations, settings, logos, org builders, onboarding, members, invitations, API keys, verified domains, the audit log, AI context, plans and Stripe billing.",
  tags: [
    { name: "Organizations", description: "Create, find, update and delete organizations." },
    {
      name: "Onboarding",
      description: "One call that makes an organization, its owner and its first API key.",
    },
    { name: "Org builders", description: "Onboarding drafts finalized into organizations." },
    { name: "Settings", description: "Branding, contact and feature settings, with defaults." },
    { name: "Logo", description: "The organization's logo: direct upload, or a signed two-step upload." },
    { name: "API keys", description: "The organization's API keys, and their verification for the gateway." },
    { name: "Audit log", description: "Who changed what in the organization, newest first." },
    { name: "Members", description: "The organization's members, as the user service holds them." },
    { name: "Invitations", description: "Invitations to join the organization, and accepting them." },
    { name: "Domains", description: "Verified email domains: claim, DNS verification, auto-join." },
    { name: "Context", description: "AI-generated business context, produced by a queued job." },
    {
      name: "Lifecycle",
      description: "Restoring a soft-deleted organization, transferring ownership, and purging.",
    },
    { name: "Billing", description: "Plans, Stripe checkout and portal sessions, and Stripe's webhook." },
    { name: "Assets", description: "Stored logos served by the worker (public)." },
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
    invitationsRouter,
    contextRouter,
    domainsRouter,
    lifecycleRouter,
    billingRouter,
    stripeWebhookRouter,
    logoRouter,
    uploadsRouter,
    assetsRouter,
  ],
  // Callers that cannot hold the gateway key and prove themselves otherwise: Stripe signs its
  // webhook's body; a browser PUTs a two-step upload's bytes with a signed token.
  ungated: [WEBHOOK_PATH, "/api/v1/uploads/"],
});

app.openAPIRegistry.registerComponent("securitySchemes", "stripeSignature", {
  type: "apiKey",
  in: "header",
  name: "Stripe-Signature",
  description: "Stripe's signature over the raw body (the Stripe webhook's only credential).",
});

/** Every typed route of the worker: `hc<OrgAppType>` from `hono/client` is a typed client of it. */
export type OrgAppType = typeof app;
