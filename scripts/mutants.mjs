// Curated mutation testing: each mutant is a small edit to a load-bearing line, applied alone to a
// scratch copy of the tree, with only the tests expected to catch it run against it. A mutant the
// tests still pass on has "survived": a guard nothing checks. Not run in CI (minutes, not seconds).
//
//   pnpm mutants              every mutant
//   pnpm mutants slug owner   only mutants whose name contains one of the words
//   pnpm mutants --check      only checks that every mutant still applies (run by `pnpm check`)
//
// The tree you run it from is never written to. Add a mutant to MUTANTS below: the exact `from`
// text (it must occur exactly once in the file), its replacement, the vitest project and the
// test files that should fail on it.
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const ORG = "services/org/src";
const AUTH = "services/auth/src";
const USER = "services/user/src";
const GUARDS = "packages/platform/src/guards";
const PLATFORM = "packages/platform/src";

/**
 * `grep` (optional) narrows the catchers to the tests whose names match (vitest -t), for a file
 * such as the guard matrix where most tests cannot see the mutant.
 * @type {{ name: string, project: string, catchers: string[], grep?: string, edits: { file: string, from: string, to: string }[] }[]}
 */
const MUTANTS = [
  // D1 read replication: one session per request.
  {
    name: "d1 session bookmark accepted unchecked",
    project: "org",
    catchers: ["services/org/src/app.test.ts"],
    grep: "bookmark",
    edits: [{ file: `${PLATFORM}/d1-session.ts`, from: "|| !BOOKMARK.test(bookmark)", to: "" }],
  },
  {
    name: "d1 session writes start anywhere",
    project: "user",
    catchers: ["services/user/src/app.test.ts"],
    grep: "session",
    edits: [
      {
        file: `${PLATFORM}/d1-session.ts`,
        from: '(reads ? "first-unconstrained" : "first-primary")',
        to: '"first-unconstrained"',
      },
    ],
  },
  {
    name: "d1 prepared statement keeps the first session",
    project: "platform",
    catchers: [`${PLATFORM}/d1-session.test.ts`],
    edits: [
      {
        file: `${PLATFORM}/d1-session.ts`,
        from: "return store?.binding === binding ? store.session : binding;",
        to: "return binding;",
      },
    ],
  },
  // Failure modes found by probing (deleted orgs, the delete limit, peers' 4xx).
  {
    name: "deleted org reachable on org-scoped routes",
    project: "org",
    catchers: ["services/org/src/deleted-org.test.ts"],
    edits: [
      {
        file: "services/org/src/lib/access.ts",
        from: "? [liveTarget(access.scope.param)] : [],",
        to: "? [] : [],",
      },
    ],
  },
  {
    name: "org-delete limit shared by every target org",
    project: "org",
    catchers: ["services/org/src/routes/organizations/organizations.delete.test.ts"],
    edits: [
      {
        file: "services/org/src/lib/access.ts",
        from: 'c.var.tenantId ?? "-"',
        to: '"-"',
      },
    ],
  },
  {
    name: "peer 4xx turned into 503",
    project: "org",
    catchers: ["services/org/src/routes/members/members.test.ts"],
    edits: [
      {
        file: "packages/platform/src/service-client.ts",
        from: "if (code && CALLERS_ERRORS.has(code) && ERROR_STATUS[code] === res.status) {",
        to: "if (false) {",
      },
    ],
  },
  {
    name: "D1 outage answered 500",
    project: "faults-org",
    catchers: ["services/org/test/faults/flows.test.ts"],
    grep: "D1 failing",
    edits: [
      {
        file: "packages/platform/src/envelope.ts",
        from: 'if (d1Unavailable(err)) return errorResponse(c, "SERVICE_UNAVAILABLE", "The database is unavailable");',
        to: "",
      },
    ],
  },
  // The offline API reference (/docs).
  {
    name: "docs assets serve the whole UI package",
    project: "user",
    catchers: [`${USER}/app.test.ts`],
    grep: "docs",
    edits: [
      {
        file: `${PLATFORM}/docs.ts`,
        from: "if (!ASSET_FILES.has(file)) return c.notFound();",
        to: "",
      },
    ],
  },
  {
    name: "docs page without its CSP",
    project: "org",
    catchers: [`${ORG}/app.test.ts`],
    grep: "docs",
    edits: [{ file: `${PLATFORM}/docs.ts`, from: 'c.header("Content-Security-Policy", DOCS_CSP);', to: "" }],
  },
  {
    name: "purge moves a user into the personal org the sweep retired",
    project: "faults-org",
    catchers: ["services/org/test/faults/flows.test.ts"],
    grep: "purge",
    edits: [
      {
        file: `${ORG}/jobs/purge.ts`,
        from: "} else if (found.deletedAt !== null) {",
        to: "} else if (false) {",
      },
    ],
  },
  {
    name: "R2 failure at the upload URL answered 500",
    project: "faults-org",
    catchers: ["services/org/test/faults/flows.test.ts"],
    grep: "bytes at",
    edits: [
      {
        file: `${ORG}/routes/uploads/uploads.handlers.ts`,
        from: '    throw unavailable("R2", cause);',
        to: "    throw cause;",
      },
    ],
  },
  // Tenancy and the guard chain.
  {
    name: "gateway key not compared",
    project: "user",
    catchers: [`${USER}/guards.test.ts`],
    grep: "X-Internal-Key",
    edits: [
      {
        file: `${GUARDS}/gateway.ts`,
        from: "!presented || !findSecret(presented, [expected])",
        to: "!presented",
      },
    ],
  },
  {
    name: "any service key accepted",
    project: "user",
    catchers: [`${USER}/guards.test.ts`],
    grep: "wrong service key",
    edits: [
      {
        file: `${GUARDS}/principal.ts`,
        from: "const match = findSecret(serviceKey, keys);",
        to: "const match = findSecret(serviceKey, keys) ?? keys[0];",
      },
    ],
  },
  {
    name: "target organization not checked against the tenant (BOLA)",
    project: "user",
    catchers: [`${USER}/guards.test.ts`],
    grep: "is not the tenant",
    edits: [
      {
        file: `${GUARDS}/access.ts`,
        from: 'typeof access.scope === "object" && c.req.param(access.scope.param) !== tenant',
        to: 'typeof access.scope === "object" && c.req.param(access.scope.param) === undefined',
      },
    ],
  },
  {
    name: "minimum role not enforced",
    project: "org",
    catchers: [`${ORG}/routes/api-keys/api-keys.test.ts`],
    edits: [
      {
        file: `${GUARDS}/access.ts`,
        from: "if (RANK[role] >= RANK[access.minRole]) return;",
        to: "if (RANK[role] >= RANK.member) return;",
      },
    ],
  },
  {
    name: "secret comparison by length only",
    project: "platform",
    catchers: ["packages/platform/src/crypto.test.ts"],
    edits: [
      {
        file: "packages/platform/src/crypto.ts",
        from: "return crypto.subtle.timingSafeEqual(presented, expected);",
        to: "return true;",
      },
    ],
  },
  {
    name: "settings scoped to the caller instead of the {id} param",
    project: "org",
    catchers: [`${ORG}/access.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/settings/settings.routes.ts`,
        from: 'const read = { principals: ["service", "user"], scope: { param: "id" } } as const;',
        to: 'const read = { principals: ["service", "user"], scope: "caller" } as const;',
      },
    ],
  },
  {
    name: "API key revoked by id without its organization",
    project: "org",
    catchers: [`${ORG}/routes/api-keys/api-keys.tenancy.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/api-keys/api-keys.repository.ts`,
        from: "and(eq(apiKey.id, id), eq(apiKey.organizationId, organizationId), isNull(apiKey.revokedAt))",
        to: "and(eq(apiKey.id, id), isNull(apiKey.revokedAt))",
      },
    ],
  },
  // Conditions that must hold inside the write itself.
  {
    name: "last-owner rule counts removed owners",
    project: "user",
    catchers: [`${USER}/routes/permissions/permissions.race.test.ts`],
    edits: [
      {
        file: `${USER}/core/users.ts`,
        from: " AND o.deleted_at IS NULL) > 1)",
        to: ") > 1)",
      },
    ],
  },
  {
    name: "last owner checked by count-then-update",
    project: "user",
    catchers: [`${USER}/routes/permissions/permissions.race.test.ts`],
    edits: [
      {
        file: `${USER}/routes/permissions/permissions.handlers.ts`,
        from: `  const row = await updateUser(
    writerOf(c),
    id,
    { role, permissions: defaultPermissions(role), updatedAt: Date.now() },
    [userEntry(organizationId, id, "user.role.update", { from: target.role, to: role })],
    notLastOwner(organizationId),
  );`,
        to: `  const owners = await c.env.DB.prepare(
    "select count(*) as n from user where organization_id = ? and role = 'owner' and deleted_at is null",
  )
    .bind(organizationId)
    .first<{ n: number }>();
  if (target.role === "owner" && owners!.n <= 1) {
    throw new ApiError("CONFLICT", "The organization's last owner cannot be demoted");
  }
  const row = await updateUser(writerOf(c), id, { role, permissions: defaultPermissions(role), updatedAt: Date.now() }, []);`,
      },
    ],
  },
  {
    name: "membership move checks fromOrganizationId by read-then-update",
    project: "user",
    catchers: [`${USER}/routes/membership/membership.race.test.ts`],
    edits: [
      {
        file: `${USER}/routes/membership/membership.handlers.ts`,
        from: "    from ? memberOf(from) : isNull(user.organizationId),",
        to: "    undefined,",
      },
    ],
  },
  {
    name: "organization PATCH ignores the version in its UPDATE",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.race.test.ts`],
    edits: [
      {
        file: `${ORG}/core/organizations.repository.ts`,
        from: "and(isLive(id), expectedVersion === undefined ? undefined : eq(organization.version, expectedVersion)),",
        to: "isLive(id),",
      },
    ],
  },
  {
    name: "settings PUT ignores the version in its upsert",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.race.test.ts`],
    edits: [
      {
        file: `${ORG}/core/settings.repository.ts`,
        from: "setWhere: expectedVersion === undefined ? undefined : eq(organizationSettings.version, expectedVersion),",
        to: "setWhere: undefined,",
      },
    ],
  },
  {
    name: "logo change mirrors onto the organization even when its logoUrl did not change",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [
      {
        file: `${ORG}/core/settings.repository.ts`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is TypeScript source, not a template
        from: "        sql`${organization.logoUrl} is not ${logo}`,\n",
        to: "",
      },
    ],
  },
  {
    name: "slug uniqueness by check-then-insert instead of a unique index",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.race.test.ts`],
    edits: [
      {
        file: "migrations/org/0000_init.sql",
        from: "CREATE UNIQUE INDEX `organization_slug_unique`",
        to: "CREATE INDEX `organization_slug_unique`",
      },
      {
        file: `${ORG}/core/organizations.writes.ts`,
        from: "  const now = Date.now();\n  const id = draft.id ?? uuidv7(now);",
        to: `  const { db } = writer;
  if (draft.slug && (await db.$count(organizationTable, eq(organizationTable.slug, draft.slug))) > 0) {
    throw new ApiError("CONFLICT", "Slug is already taken");
  }
  const now = Date.now();
  const id = draft.id ?? uuidv7(now);`,
      },
      {
        file: `${ORG}/core/organizations.writes.ts`,
        from: 'import { auditLog, type OrganizationRow } from "../db/schema";',
        to: 'import { auditLog, organization as organizationTable, type OrganizationRow } from "../db/schema";',
      },
    ],
  },
  // Search.
  {
    name: "search split only on spaces (syntax reaches FTS5)",
    project: "org",
    catchers: [`${ORG}/routes/organizations/list/list.test.ts`],
    grep: "query syntax",
    edits: [
      {
        file: `${ORG}/routes/organizations/list/list.plan.ts`,
        from: ".split(/[^\\p{L}\\p{N}\\p{M}\\p{Co}]+/u)",
        to: ".split(/\\s+/u)",
      },
    ],
  },
  {
    name: "search sorted by a key past the cap",
    project: "org",
    catchers: [`${ORG}/routes/organizations/list/list.plan.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/organizations/list/list.plan.ts`,
        from: 'request.sortBy !== "match" && !counted.exact',
        to: 'request.sortBy !== "match"',
      },
    ],
  },
  {
    name: "soft-deleted org stays in the search index",
    project: "org",
    catchers: [`${ORG}/routes/organizations/list/list.test.ts`],
    grep: "soft deletes",
    edits: [
      {
        file: "migrations/org/0006_organization_search_fts.sql",
        from: "SELECT new.rowid, new.name, new.slug WHERE new.deleted_at IS NULL;",
        to: "SELECT new.rowid, new.name, new.slug;",
      },
    ],
  },
  // Idempotency keys.
  {
    name: "idempotency key kept after a 5xx",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: "      await db.delete(idempotencyKey).where(mine);\n      return;",
        to: "      return;",
      },
    ],
  },
  {
    name: "idempotency claim overwrites a claim in progress",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: "        setWhere: or(",
        to: "        setWhere: or(sql`1`,",
      },
    ],
  },
  {
    name: "idempotency keys shared across principals",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: '[principalKey(principal), tenant ?? "", c.req.method, c.req.path, key]',
        to: '[tenant ?? "", c.req.method, c.req.path, key]',
      },
    ],
  },
  {
    name: "idempotency keys kept 48 h",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: "export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;",
        to: "export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60_000;",
      },
    ],
  },
  {
    name: "idempotency keys shared across tenants",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    grep: "per tenant",
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: '[principalKey(principal), tenant ?? "", c.req.method, c.req.path, key]',
        to: "[principalKey(principal), c.req.method, c.req.path, key]",
      },
    ],
  },
  {
    name: "idempotency scoped by the tenant a global create moves the user out of",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    grep: "moved into the new org",
    edits: [
      {
        file: `${GUARDS}/access.ts`,
        from: 'idempotency(idempotencyStore, access.scope !== "global")',
        to: "idempotency(idempotencyStore, true)",
      },
    ],
  },
  {
    name: "abandoned idempotency claim taken over at once",
    project: "org",
    catchers: [`${ORG}/idempotency.test.ts`],
    grep: "abandoned",
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: "const ABANDONED_MS = 10 * 60_000;",
        to: "const ABANDONED_MS = 0;",
      },
    ],
  },
  {
    name: "user service idempotency cleanup deletes fresh answers",
    project: "user",
    catchers: [`${USER}/idempotency.test.ts`],
    grep: "scheduled",
    edits: [
      {
        file: "packages/platform/src/idempotency.ts",
        from: "const expired = now - IDEMPOTENCY_TTL_MS;",
        to: "const expired = now;",
      },
    ],
  },
  // Compensation across the two services.
  {
    name: "onboarding keeps the org when the user service fails",
    project: "org",
    catchers: [`${ORG}/routes/onboarding/onboarding.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/onboarding/onboarding.handlers.ts`,
        from: "    await discardOrganization(writer, org.id);\n    if (err instanceof ApiError",
        to: "    if (err instanceof ApiError",
      },
    ],
  },
  {
    name: "org create by a user keeps its writes when the move fails",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.create.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/organizations/organizations.create.handlers.ts`,
        from: '    await undo("move_failed");\n',
        to: "",
      },
    ],
  },
  // Invitations: the seat limit, the one-claim accept, who may accept, and its compensation.
  {
    name: "invitation seat limit off by one",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.repository.ts`,
        from: `+ \${seats.members} < \${seats.limit}`,
        to: `+ \${seats.members} <= \${seats.limit}`,
      },
    ],
  },
  {
    name: "invitation create without the plan's invitations feature",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.routes.ts`,
        from: 'const invite = { ...manage, idempotent: true, feature: "invitations" } as const;',
        to: "const invite = { ...manage, idempotent: true } as const;",
      },
    ],
  },
  {
    name: "invitation resend of an expired one takes a seat unchecked",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.handlers.ts`,
        from: "const seats = row.expiresAt <= now ? await seatCheck(c, org, now) : undefined;",
        to: "const seats = undefined;",
      },
    ],
  },
  {
    name: "invitation accept ignores the seat limit",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.accept.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.accept.ts`,
        from: "if ((await membersUpTo(c, org.id, limit.seats)) >= limit.seats) {",
        to: "if ((await membersUpTo(c, org.id, limit.seats)) > limit.seats) {",
      },
    ],
  },
  {
    name: "invitation accept ignores the move-out rule's refusal",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.accept.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.accept.ts`,
        from: 'if (!verdict.allowed) throw alreadyIn(verdict.reason ?? "You cannot leave your organization");',
        to: "",
      },
    ],
  },
  {
    name: "invitation claim ignores its status",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.race.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.repository.ts`,
        from: 'and(eq(invitation.id, id), eq(invitation.status, "pending"), gt(invitation.expiresAt, now))',
        to: "and(eq(invitation.id, id), gt(invitation.expiresAt, now))",
      },
    ],
  },
  {
    name: "invitation accepted by another email",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.accept.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.accept.ts`,
        from: "if (me.email.toLowerCase() !== row.email) {",
        to: 'if (me.email === "") {',
      },
    ],
  },
  {
    name: "invitation accept keeps its claim when the move fails",
    project: "org",
    catchers: [`${ORG}/routes/invitations/invitations.accept.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/invitations/invitations.accept.ts`,
        from: '    await undo("move_failed");\n',
        to: "",
      },
    ],
  },
  {
    name: "invitation delivery acked when the webhook fails",
    project: "org",
    catchers: [`${ORG}/queue/invitation-delivery.test.ts`],
    edits: [
      {
        file: `${ORG}/queue/invitation-delivery.ts`,
        from: "message.retry({ delaySeconds: backoffSeconds(message.attempts) });",
        to: "message.ack();",
      },
    ],
  },
  {
    name: "invitation delivery sends a rotated link",
    project: "org",
    catchers: [`${ORG}/queue/invitation-delivery.test.ts`],
    edits: [
      {
        file: `${ORG}/queue/invitation-delivery.ts`,
        from: 'return row?.status === "pending" && row.tokenHash === (await invitationTokenHash(token));',
        to: 'return row?.status === "pending";',
      },
    ],
  },
  {
    name: "ownership transfer demotes the owner even when nothing was promoted",
    project: "user",
    catchers: [`${USER}/routes/ownership/ownership.test.ts`],
    edits: [
      {
        file: `${USER}/routes/ownership/ownership.repository.ts`,
        from: `eq(user.role, "owner"), sql\`changes() > 0\`)`,
        to: `eq(user.role, "owner"))`,
      },
    ],
  },
  {
    name: "ownership transfer promotes without checking the caller still owns",
    project: "user",
    catchers: [`${USER}/routes/ownership/ownership.test.ts`],
    edits: [
      {
        file: `${USER}/routes/ownership/ownership.repository.ts`,
        from: "and(inOrg(t.organizationId, t.toUserId), isOwner(t.organizationId, t.fromUserId))",
        to: "inOrg(t.organizationId, t.toUserId)",
      },
    ],
  },
  {
    name: "move-out rule refuses members of a deleted organization",
    project: "org",
    catchers: [`${ORG}/routes/lifecycle/lifecycle.test.ts`],
    edits: [
      { file: `${USER}/core/move-out.ts`, from: "  if (from.deleted) return allowed(false);\n", to: "" },
    ],
  },
  {
    name: "restore ignores the restore window",
    project: "org",
    catchers: [`${ORG}/routes/lifecycle/lifecycle.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/lifecycle/lifecycle.handlers.ts`,
        from: "(found.deletedAt !== null && found.deletedAt <= deletedAfter)",
        to: "false",
      },
      {
        file: `${ORG}/core/lifecycle.ts`,
        from: "        gt(organization.deletedAt, deletedAfter),\n",
        to: "",
      },
    ],
  },
  {
    name: "purge ignores the restore window",
    project: "org",
    catchers: [`${ORG}/jobs/purge.test.ts`],
    edits: [
      {
        file: `${ORG}/core/purge.ts`,
        from: "    .where(and(isNotNull(organization.deletedAt), lte(organization.deletedAt, deletedBefore)))\n",
        to: "    .where(isNotNull(organization.deletedAt))\n",
      },
    ],
  },
  {
    name: "purge leaves members attached to the purged org",
    project: "org",
    catchers: [`${ORG}/jobs/purge.test.ts`],
    edits: [
      {
        file: `${ORG}/jobs/purge.ts`,
        from: "    await rehome(writer, users, id, user);\n",
        to: "",
      },
    ],
  },
  {
    name: "user-service audit entry written even when its change matched nothing",
    project: "user",
    catchers: [`${USER}/routes/audit-log/audit-log.test.ts`],
    edits: [
      {
        file: `${USER}/core/audit.ts`,
        from: " where changes() > 0`,\n  );\n}\n\n/**\n * Runs",
        to: "`,\n  );\n}\n\n/**\n * Runs",
      },
    ],
  },
  // Billing: plans, the entitlement guard and the Stripe webhook.
  {
    name: "entitlement guard never refuses",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/entitlements.ts`,
        from: "if (!allows(plan, feature, used)) throw",
        to: "if (false) throw",
      },
    ],
  },
  {
    name: "API key limit not held in the insert",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [{ file: `${ORG}/core/api-keys.writes.ts`, from: "limit === null", to: "true" }],
  },
  {
    name: "past_due grace never ends",
    project: "org",
    catchers: [`${ORG}/core/plans.test.ts`, `${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/core/plans.ts`,
        from: 'org.subscriptionStatus === "past_due" && now < graceEnds',
        to: 'org.subscriptionStatus === "past_due"',
      },
    ],
  },
  {
    name: "stripe webhook applies out-of-order events",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/core/billing.writes.ts`,
        from: "or(isNull(organization.billingEventAt), lte(organization.billingEventAt, event.at)),",
        to: "undefined,",
      },
    ],
  },
  {
    name: "stripe webhook applies a replayed event again",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/core/billing.writes.ts`,
        from: ".values({ id: event.id, type: event.type, organizationId, processedAt: now });",
        to: ".values({ id: event.id, type: event.type, organizationId, processedAt: now }).onConflictDoNothing();",
      },
    ],
  },
  {
    name: "stripe signature tolerance unbounded",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: "const TOLERANCE_SECONDS = 300;",
        to: "const TOLERANCE_SECONDS = 1e9;",
      },
    ],
  },
  {
    name: "stripe signature tolerance one-sided (future timestamps accepted)",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: "if (Math.abs(Math.floor(nowMs / 1000) - parsed.timestamp) > TOLERANCE_SECONDS) return false;",
        to: "if (Math.floor(nowMs / 1000) - parsed.timestamp > TOLERANCE_SECONDS) return false;",
      },
    ],
  },
  {
    name: "stripe signature check never compares",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: "parsed.signatures.some((signature) => crypto.subtle.timingSafeEqual(signature, expected))",
        to: "parsed.signatures.some(() => true)",
      },
    ],
  },
  {
    name: "stripe signature check reads only the first v1",
    project: "org",
    catchers: [`${ORG}/routes/stripe-webhook/stripe-webhook.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: "parsed.signatures.some((signature) =>",
        to: "parsed.signatures.slice(0, 1).some((signature) =>",
      },
    ],
  },
  {
    name: "stripe client never retries",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      { file: `${ORG}/lib/stripe.ts`, from: "if (attempt === 1 && retryable(res)) {", to: "if (false) {" },
    ],
  },
  {
    name: "stripe client retries with a new idempotency key",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: 'res = await fetch(url, { method: "POST", headers, body,',
        to: 'res = await fetch(url, { method: "POST", headers: { ...headers, "idempotency-key": crypto.randomUUID() }, body,',
      },
    ],
  },
  {
    name: "stripe client retries a refused request",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/stripe.ts`,
        from: "return res.status === 409 || res.status === 429 || res.status >= 500;",
        to: "return res.status >= 400;",
      },
    ],
  },
  {
    name: "checkout creates a customer per concurrent request",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/billing/billing.handlers.ts`,
        from: "idempotencyKey: `org-customer-",
        // A fresh key per request: Stripe would make one customer per concurrent checkout.
        to: "idempotencyKey: `$" + "{crypto.randomUUID()}-org-customer-",
      },
    ],
  },
  {
    name: "entitlements report no pending invitations",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/billing/billing.handlers.ts`,
        from: "seats: { used: members, pending, limit: e.seats },",
        to: "seats: { used: members, pending: 0, limit: e.seats },",
      },
    ],
  },
  {
    name: "pending invitations count revoked and accepted ones",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/core/invitations.pending.ts`,
        from: '    eq(invitation.status, "pending"),\n',
        to: "",
      },
    ],
  },
  {
    name: "pending invitations count expired ones",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`, `${ORG}/routes/invitations/invitations.test.ts`],
    edits: [
      {
        file: `${ORG}/core/invitations.pending.ts`,
        from: "gt(invitation.expiresAt, now),",
        to: "gt(invitation.expiresAt, 0),",
      },
    ],
  },
  {
    name: "checkout redirect host not checked",
    project: "org",
    catchers: [`${ORG}/routes/billing/billing.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/billing/billing.redirects.ts`,
        from: "if (!allowed.has(url.hostname))",
        to: "if (false)",
      },
    ],
  },
  // Images: validation, single-use tickets and URLs, serving, the sweep.
  {
    name: "PNG with data after IEND accepted",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [
      {
        file: `${PLATFORM}/images/inspect.ts`,
        from: 'if (end !== b.length) throw unsupported("data after the end of the PNG");',
        to: "",
      },
    ],
  },
  {
    name: "JPEG without EOI accepted",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [
      {
        file: `${PLATFORM}/images/inspect.ts`,
        from: 'if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) throw unsupported("not a complete JPEG");',
        to: "",
      },
    ],
  },
  {
    name: "image side limit not enforced",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [
      {
        file: `${PLATFORM}/images/inspect.ts`,
        from: "width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE",
        to: "false",
      },
    ],
  },
  {
    name: "assets served outside logos/ and avatars/",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [
      {
        file: `${PLATFORM}/images/store.ts`,
        from: "const KEY = /(?:^|\\/)((logos|avatars)\\/",
        to: "const KEY = /(?:^|\\/)(([a-z]+)\\/",
      },
    ],
  },
  {
    name: "previous logo deleted while still referenced",
    project: "org",
    catchers: [`${ORG}/routes/logo/logo.test.ts`],
    edits: [{ file: `${ORG}/core/logo.writes.ts`, from: "if (current === key) return;", to: "" }],
  },
  {
    name: "finalize claim ignores finalizedAt",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/logo/logo.repository.ts`,
        from: "          isNull(logoUpload.finalizedAt),\n",
        to: "",
      },
    ],
  },
  {
    name: "finalize claim ignores the organization",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/logo/logo.repository.ts`,
        from: "          eq(logoUpload.organizationId, organizationId),\n",
        to: "",
      },
    ],
  },
  {
    name: "finalize claim ignores expiry",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/logo/logo.repository.ts`,
        from: "          gt(logoUpload.expiresAt, now),\n",
        to: "",
      },
    ],
  },
  {
    name: "upload URL usable twice",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/uploads/uploads.repository.ts`,
        from: "          isNull(logoUpload.uploadedAt),\n",
        to: "",
      },
    ],
  },
  {
    name: "upload token expiry unchecked",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      { file: `${ORG}/lib/upload-url.ts`, from: "if (!(grant.expires > now)) throw refused();", to: "" },
    ],
  },
  {
    name: "upload token HMAC unchecked",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/upload-url.ts`,
        from: 'if (!(await crypto.subtle.verify("HMAC", key, unb64url(mac), unb64url(payload)))) throw refused();',
        to: "",
      },
    ],
  },
  {
    name: "upload body length not enforced",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/uploads/uploads.handlers.ts`,
        from: "body.pipeThrough(new FixedLengthStream(grant.length))",
        to: "body",
      },
    ],
  },
  {
    name: "ungated prefix opens every /api/v1 route",
    project: "org",
    catchers: [`${ORG}/routes/uploads/uploads.test.ts`],
    edits: [
      {
        file: `${GUARDS}/gateway.ts`,
        from: "if (ungated.some((prefix) => c.req.path.startsWith(prefix))) return next();",
        to: "return next();",
      },
    ],
  },
  {
    name: "sweep ignores the age of logo objects",
    project: "org",
    catchers: [`${ORG}/jobs/image-sweep.test.ts`],
    edits: [
      {
        file: `${ORG}/jobs/image-sweep.ts`,
        from: "const old = page.objects.filter((o) => o.uploaded.getTime() < now - SWEEP_AGE_MS);",
        to: "const old = page.objects;",
      },
    ],
  },
  {
    name: "sweep deletes referenced logos",
    project: "org",
    catchers: [`${ORG}/jobs/image-sweep.test.ts`],
    edits: [
      {
        file: `${ORG}/jobs/image-sweep.ts`,
        from: '"logos", ownerOf(o.key)) !== o.key)',
        to: '"logos", ownerOf(o.key)) !== "")',
      },
    ],
  },
  // Verified domains.
  {
    name: "a lapsed domain stays verified one miss too long",
    project: "org",
    catchers: [`${ORG}/jobs/domain-recheck.test.ts`],
    edits: [
      {
        file: `${ORG}/jobs/domain-recheck.ts`,
        from: "row.consecutiveMisses + 1 >= MAX_MISSES",
        to: "row.consecutiveMisses + 1 > MAX_MISSES",
      },
    ],
  },
  {
    name: "auto-join ignores the seat limit",
    project: "user",
    catchers: [`${USER}/routes/sync/sync.autojoin.test.ts`],
    edits: [
      {
        file: `${USER}/routes/sync/provision.ts`,
        from: "member, target.seatLimit)",
        to: "member, Number.MAX_SAFE_INTEGER)",
      },
    ],
  },
  {
    name: "auto-join seat count off by one",
    project: "user",
    catchers: [`${USER}/routes/sync/sync.autojoin.test.ts`],
    edits: [
      {
        file: `${USER}/routes/sync/sync.repository.ts`,
        from: "is null) < $" + "{seatLimit}",
        to: "is null) <= $" + "{seatLimit}",
      },
    ],
  },
  {
    name: "refused auto-join not undone",
    project: "user",
    catchers: [`${USER}/routes/sync/sync.autojoin.test.ts`],
    edits: [
      {
        file: `${USER}/routes/sync/provision.ts`,
        from: "    await leave();\n    return {",
        to: "    return {",
      },
    ],
  },
  {
    name: "a domain verified by two organizations",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.race.test.ts`],
    edits: [
      {
        file: "migrations/org/0010_organization_domains.sql",
        from: "CREATE UNIQUE INDEX `organization_domain_verified_unique`",
        to: "CREATE INDEX `organization_domain_verified_unique`",
      },
    ],
  },
  {
    name: "domains open to personal organizations",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [{ file: `${ORG}/routes/domains/domains.routes.ts`, from: '  feature: "domains",\n', to: "" }],
  },
  {
    name: "domain verified without the token",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/core/domains.dto.ts`,
        from: "lookup.values.includes(token) ?",
        to: "lookup.values.length > 0 ?",
      },
    ],
  },
  {
    name: "domain verify not rate limited",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/domains/domains.handlers.ts`,
        from: '  await enforceWindow(db, "domainVerify", `$' + "{id}:$" + "{domain}`, VERIFY_LIMIT);\n",
        to: "",
      },
    ],
  },
  {
    name: "auto-join on a domain that is not verified",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/domains/domains.repository.ts`,
        from: 'autoJoin ? eq(organizationDomain.state, "verified") : undefined',
        to: "undefined",
      },
    ],
  },
  {
    name: "auto-join lookup ignores the auto-join switch",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/core/domains.repository.ts`,
        from: "        eq(organizationDomain.autoJoin, true),\n",
        to: "",
      },
    ],
  },
  {
    name: "auto-join into an organization whose plan lost verified domains",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/domains/domains.handlers.ts`,
        from: "!org || !entitlements?.domains",
        to: "!org",
      },
    ],
  },
  {
    name: "auto-join into a deleted organization",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/core/domains.repository.ts`,
        from: "        isNull(organization.deletedAt),\n",
        to: "",
      },
    ],
  },
  {
    name: "auto-join recorded while the switch is off",
    project: "org",
    catchers: [`${ORG}/routes/domains/domains.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/domains/domains.repository.ts`,
        from: "        eq(organizationDomain.autoJoin, true),\n",
        to: "",
      },
    ],
  },
  // The auth worker's sync: every failure branch undoes the auth-side write or passes the refusal on.
  ...[
    ["join undo keeps a created organization", "org-sync.ts", "if (others === 0)", "if (others < 0)"],
    [
      "accept undo leaves the invitation accepted",
      "org-sync.ts",
      'update: { status: "pending" },',
      'update: { status: "accepted" },',
    ],
    [
      "role undo keeps the new role",
      "org-sync.ts",
      "update: { role: previousRole },",
      "update: { role: member.role },",
    ],
    ["remove undo restores another member row", "org-sync.ts", "forceAllowId: true,", "forceAllowId: false,"],
    [
      "synced organization kept when the move fails",
      "org-sync.ts",
      "if (created) await services.deleteOrg(org.id);",
      "if (!created) await services.deleteOrg(org.id);",
    ],
    [
      "personal organization kept when the move out fails",
      "org-sync.ts",
      "await services.deleteOrg(personal.id);",
      "void personal;",
    ],
    [
      "user update undo skipped",
      "user-sync.ts",
      "before ? () => restoreIdentity(ctx, before) : undefined,",
      "undefined,",
    ],
    [
      "sign-up undo skipped",
      "user-sync.ts",
      "() => ctx?.context.internalAdapter.deleteUser(user.id) ?? Promise.resolve(),",
      "() => Promise.resolve(),",
    ],
  ].map(([name, file, from, to]) => ({
    name: `auth sync: ${name}`,
    project: "cross",
    catchers: ["tests/cross/auth-sync-faults.test.ts"],
    edits: [{ file: `${AUTH}/${file}`, from, to }],
  })),
  {
    name: "auth sync: move-out rule not asked",
    project: "cross",
    catchers: ["tests/cross/auth-sync.test.ts"],
    grep: "ALREADY_IN_ORGANIZATION",
    edits: [
      { file: `${AUTH}/services.ts`, from: "if (!verdict.allowed) {", to: "if (verdict.allowed === null) {" },
    ],
  },
  {
    name: "auth sync: peer refusals become 503",
    project: "cross",
    catchers: ["tests/cross/auth-sync.test.ts"],
    grep: "ALREADY_IN_ORGANIZATION",
    edits: [
      {
        file: `${AUTH}/sync.ts`,
        from: "if (error instanceof PeerRefused && error.status in PASSED_ON) {",
        to: "if (error instanceof PeerRefused && error.status < 0) {",
      },
    ],
  },
  // The API as documented: CORS refused, the delete window's remaining count.
  {
    name: "preflight answered instead of refused",
    project: "org",
    catchers: [`${ORG}/app.test.ts`],
    grep: "CORS",
    edits: [
      {
        file: "packages/platform/src/app.ts",
        from: 'app.options("*", (c) =>',
        to: 'app.options("*", (c) => c.body(null, 204) ??',
      },
    ],
  },
  {
    name: "412 without the current ETag",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.update.test.ts`],
    grep: "412",
    edits: [
      {
        file: `${ORG}/routes/organizations/organizations.handlers.ts`,
        from: "throw stale(current.version);",
        to: "throw stale();",
      },
    ],
  },
  {
    name: "delete window reports the count instead of what is left",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.delete.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/rate-window.ts`,
        from: "return { remaining: rule.limit - count, resetSeconds };",
        to: "return { remaining: count, resetSeconds };",
      },
    ],
  },
  // The contract tests: an answer the document does not declare fails.
  {
    name: "createUser's 404 left out of the document",
    project: "user",
    catchers: [`${USER}/openapi-contract.test.ts`],
    edits: [
      {
        file: `${USER}/routes/users/users.routes.ts`,
        from: '"The created user"), ...errorsFor("NOT_FOUND", "CONFLICT") },',
        to: '"The created user"), ...errorsFor("CONFLICT") },',
      },
    ],
  },
  {
    name: "X-Request-Id left out of the documented answers",
    project: "org",
    catchers: [`${ORG}/openapi-contract.test.ts`],
    edits: [
      {
        file: "packages/platform/src/openapi.ts",
        from: "        ...REQUEST_ID_HEADER,\n",
        to: "",
      },
    ],
  },
  {
    name: "sync-leases deletes leases as soon as they expire",
    project: "user",
    catchers: [`${USER}/jobs/sync-leases.test.ts`],
    edits: [
      {
        file: `${USER}/jobs/sync-leases.ts`,
        from: ".where(lt(syncLease.expiresAt, now - LEASE_SWEEP_AGE_MS))",
        to: ".where(lt(syncLease.expiresAt, now))",
      },
    ],
  },
  {
    name: "avatar sweep ignores the age of picture objects",
    project: "user",
    catchers: [`${USER}/jobs/avatar-sweep.test.ts`],
    edits: [
      {
        file: `${USER}/jobs/avatar-sweep.ts`,
        from: "const old = page.objects.filter((o) => o.uploaded.getTime() < now - SWEEP_AGE_MS);",
        to: "const old = page.objects;",
      },
    ],
  },
  {
    name: "avatar sweep deletes referenced pictures",
    project: "user",
    catchers: [`${USER}/jobs/avatar-sweep.test.ts`],
    edits: [
      {
        file: `${USER}/jobs/avatar-sweep.ts`,
        from: '"avatars", ownerOf(o.key)) !== o.key)',
        to: '"avatars", ownerOf(o.key)) !== "")',
      },
    ],
  },
  {
    name: "avatar sweep forgets removed users' pictures",
    project: "user",
    catchers: [`${USER}/jobs/avatar-sweep.test.ts`],
    edits: [
      {
        file: `${USER}/core/users.ts`,
        from: ".where(inArray(user.id, ids.slice(at, at + 90)));",
        to: ".where(and(inArray(user.id, ids.slice(at, at + 90)), live));",
      },
    ],
  },
];

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const checkOnly = process.argv.includes("--check");
const words = process.argv
  .slice(2)
  .filter((w) => w !== "--check")
  .map((w) => w.toLowerCase());
const selected = MUTANTS.filter(
  (m) => words.length === 0 || words.some((w) => m.name.toLowerCase().includes(w)),
);
if (selected.length === 0) throw new Error(`No mutant matches ${words.join(", ")}`);

// Every edit must apply to the tree as it is: a `from` that moved or changed fails the run loudly.
for (const mutant of selected) {
  for (const { file, from } of mutant.edits) {
    const text = readFileSync(join(root, file), "utf8");
    const count = text.split(from).length - 1;
    if (count !== 1)
      throw new Error(`Mutant "${mutant.name}": ${file} contains its \`from\` ${count} times, not once`);
  }
  for (const file of mutant.catchers) {
    if (!existsSync(join(root, file))) throw new Error(`Mutant "${mutant.name}": no catcher ${file}`);
  }
}
if (checkOnly) {
  console.log(`mutants: all ${selected.length} apply to the tree and name existing catchers`);
  process.exit(0);
}

const jobs = Math.max(1, Number(process.env.MUTANTS_JOBS ?? 2));
/** The peer worker each project runs beside: a mutant outside it and outside packages/ reuses its bundle. */
const PEER = {
  org: "services/user/",
  user: "services/org/",
  "faults-org": "services/user/",
  "faults-user": "services/org/",
  // The cross project builds every worker; a mutant in the auth worker needs its bundle rebuilt.
  cross: "services/auth/",
  platform: null,
};

// Scratch copies: tracked and new files, the installed node_modules shared by symlink. Workspace
// packages' own node_modules hold relative links (to ../../node_modules/.pnpm and to sibling
// packages), so they are copied as links and resolve inside the copy.
const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
  cwd: root,
})
  .toString()
  .split("\0")
  .filter((f) => f && existsSync(join(root, f)));
function makeScratch() {
  const scratch = mkdtempSync(join(tmpdir(), "mutants-"));
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));
  for (const dir of [
    "packages/contracts",
    "packages/platform",
    "services/org",
    "services/user",
    "services/auth",
    "tests",
  ]) {
    const modules = join(root, dir, "node_modules");
    if (existsSync(modules))
      cpSync(modules, join(scratch, dir, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  return scratch;
}

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const { FORCE_COLOR: _, ...inherited } = process.env;
const baseEnv = {
  ...inherited,
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH}`,
  NO_COLOR: "1",
};
function run(scratch, project, catchers, reuseBuild, grep) {
  // Runs share 2 cores with each other: a generous timeout keeps a slow test from counting as a catch.
  const args = [
    vitest,
    "run",
    "--project",
    project,
    "--testTimeout",
    "60000",
    ...catchers,
    ...(grep ? ["-t", grep] : []),
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: scratch,
      env: { ...baseEnv, REUSE_WORKER_BUILD: reuseBuild ? "1" : "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
    const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");
    child.on("close", (status) => done({ status, stdout: plain(stdout), stderr: plain(stderr) }));
  });
}
const summary = (out) => (out.match(/^\s*Tests\s+.*$/m)?.[0] ?? "no test summary").trim();

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
const scratches = Array.from({ length: Math.min(jobs, selected.length) }, makeScratch);
/** Runs `task` over `items`, one at a time per scratch copy. */
async function pool(items, task) {
  let next = 0;
  await Promise.all(
    scratches.map(async (scratch) => {
      while (next < items.length) await task(scratch, items[next++]);
    }),
  );
}
process.on("SIGINT", () => {
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
  process.exit(130);
});
try {
  // The catchers must pass on the unmutated copy, or a failure would count as a catch.
  const projects = [...new Set(selected.map((m) => m.project))];
  await pool(projects, async (scratch, project) => {
    const catchers = [...new Set(selected.filter((m) => m.project === project).flatMap((m) => m.catchers))];
    const baseline = await run(scratch, project, catchers, true);
    if (baseline.status !== 0) {
      console.log(baseline.stdout.slice(-5000) + baseline.stderr.slice(-3000));
      throw new Error(`Baseline: the ${project} catchers fail on the unmutated tree`);
    }
    console.log(`baseline ${project}: ${summary(baseline.stdout)} [${elapsed()}]`);
  });

  const survivors = [];
  await pool(selected, async (scratch, mutant) => {
    const originals = new Map();
    for (const { file, from, to } of mutant.edits) {
      const path = join(scratch, file);
      const text = readFileSync(path, "utf8");
      if (!originals.has(path)) originals.set(path, text);
      writeFileSync(
        path,
        text.replace(from, () => to),
      );
    }
    const peer = PEER[mutant.project];
    const touchesPeer = mutant.edits.some(
      (e) => e.file.startsWith("packages/") || (peer && e.file.startsWith(peer)),
    );
    const result = await run(scratch, mutant.project, mutant.catchers, !touchesPeer, mutant.grep);
    for (const [path, text] of originals) writeFileSync(path, text);
    if (touchesPeer) rmSync(join(scratch, ".build"), { recursive: true, force: true });
    // Caught means a test failed; a run that failed without a failing test (a mutant that does
    // not load) proves nothing and counts against the score.
    const caught = result.status !== 0 && /Tests\s+\d+ failed/.test(result.stdout);
    const verdict = caught ? "caught  " : result.status === 0 ? "SURVIVED" : "ERROR   ";
    if (!caught) survivors.push(mutant.name);
    console.log(`${verdict} ${mutant.name} — ${summary(result.stdout)} [${elapsed()}]`);
    if (!caught && result.status !== 0) console.log(result.stdout.slice(-3000) + result.stderr.slice(-3000));
  });
  const score = selected.length - survivors.length;
  console.log(
    `\nmutation score: ${score}/${selected.length} caught (${Math.round((100 * score) / selected.length)}%) in ${elapsed()}`,
  );
  for (const name of survivors) console.log(`not caught: ${name}`);
  process.exitCode = survivors.length > 0 ? 1 : 0;
} finally {
  for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
}
