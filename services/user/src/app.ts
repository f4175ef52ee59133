import { createApp } from "@svc/platform";
import { createDb } from "./db/client";
import { assetsRouter } from "./routes/assets/assets.router";
import { auditLogRouter } from "./routes/audit-log/audit-log.router";
import { billingBuildersRouter } from "./routes/billing-builders/billing-builders.router";
import { membershipRouter } from "./routes/membership/membership.router";
import { ownershipRouter } from "./routes/ownership/ownership.router";
import { permissionsRouter } from "./routes/permissions/permissions.router";
import { profileRouter } from "./routes/profile/profile.router";
import { profilePictureRouter } from "./routes/profile-picture/profile-picture.router";
import { searchRouter } from "./routes/search/search.router";
import { syncRouter } from "./routes/sync/sync.router";
import { userBuildersRouter } from "./routes/user-builders/user-builders.router";
import { usersRouter } from "./routes/users/users.router";

export const app = createApp({
  service: "user-service",
  title: "User service",
  version: "1.0.0",
  description:
    "Users, profiles, profile pictures, permissions, roles, search, onboarding builders and the billing-builder proxy.",
  tags: [
    { name: "Users", description: "Users: auth-service sync, direct creation, lookups, removal." },
    { name: "Profile", description: "The calling user's own profile, picture and signup completion." },
    { name: "Search", description: "Email search inside an organization, and existence checks." },
    { name: "Permissions", description: "A member's permissions and role." },
    {
      name: "Membership",
      description: "Moving users between organizations and ownership changes (the org service's calls).",
    },
    { name: "User builders", description: "Onboarding drafts finalized into users." },
    { name: "Billing builders", description: "A pass-through to the billing service." },
    { name: "Audit log", description: "The user service's audit entries, for the org service's merged log." },
    { name: "Assets", description: "Stored profile pictures served by the worker (public)." },
  ],
  database: createDb,
  // Routers with literal /users/<word> paths (me, onboard, search-email, check-emails) go before
  // usersRouter's /users/{id}.
  routers: [
    syncRouter,
    ownershipRouter,
    profileRouter,
    searchRouter,
    usersRouter,
    permissionsRouter,
    membershipRouter,
    userBuildersRouter,
    billingBuildersRouter,
    auditLogRouter,
    profilePictureRouter,
    assetsRouter,
  ],
});

/** Every typed route of the worker: `hc<UserAppType>` from `hono/client` is a typed client of it. */
export type UserAppType = typeof app;
