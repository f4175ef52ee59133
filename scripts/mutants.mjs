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
const USER = "services/user/src";
const GUARDS = "packages/platform/src/guards";

/**
 * `grep` (optional) narrows the catchers to the tests whose names match (vitest -t), for a file
 * such as the guard matrix where most tests cannot see the mutant.
 * @type {{ name: string, project: string, catchers: string[], grep?: string, edits: { file: string, from: string, to: string }[] }[]}
 */
const MUTANTS = [
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
    c.var.db,
    id,
    { role, permissions: defaultPermissions(role), updatedAt: Date.now() },
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
  const row = await updateUser(c.var.db, id, { role, permissions: defaultPermissions(role), updatedAt: Date.now() });`,
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
        from: "    fromOrganizationId ? memberOf(fromOrganizationId) : undefined,",
        to: "    undefined,",
      },
      {
        file: `${USER}/routes/membership/membership.handlers.ts`,
        from: "  const row = await updateUser(\n",
        to: `  const current = await findUser(c.var.db, id);
  if (current && fromOrganizationId && current.organizationId !== fromOrganizationId) {
    throw new ApiError("CONFLICT", "The user is no longer in the organization the move expected");
  }
  const row = await updateUser(
`,
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
        file: `${ORG}/routes/settings/settings.repository.ts`,
        from: "setWhere: expectedVersion === undefined ? undefined : eq(organizationSettings.version, expectedVersion),",
        to: "setWhere: undefined,",
      },
    ],
  },
  {
    name: "branding PUT mirrors its logoUrl even when its upsert lost the If-Match race",
    project: "org",
    catchers: [`${ORG}/routes/organizations/organizations.race.test.ts`],
    edits: [
      {
        file: `${ORG}/routes/settings/settings.repository.ts`,
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
  // Idempotency keys.
  {
    name: "idempotency key kept after a 5xx",
    project: "org",
    catchers: [`${ORG}/lib/idempotency.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/idempotency.ts`,
        from: "    await db.delete(idempotencyKey).where(release);\n    return;",
        to: "    return;",
      },
    ],
  },
  {
    name: "idempotency claim overwrites a claim in progress",
    project: "org",
    catchers: [`${ORG}/lib/idempotency.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/idempotency.ts`,
        from: "        setWhere: lt(idempotencyKey.createdAt, now - TTL_MS),\n",
        to: "",
      },
    ],
  },
  {
    name: "idempotency keys shared across principals",
    project: "org",
    catchers: [`${ORG}/lib/idempotency.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/idempotency.ts`,
        from: "[principalKey(c), c.req.method, c.req.path, key]",
        to: "[c.req.method, c.req.path, key]",
      },
    ],
  },
  {
    name: "idempotency keys kept 48 h",
    project: "org",
    catchers: [`${ORG}/lib/idempotency.test.ts`],
    edits: [
      {
        file: `${ORG}/lib/idempotency.ts`,
        from: "const TTL_MS = 24 * 60 * 60_000;",
        to: "const TTL_MS = 48 * 60 * 60_000;",
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
const PEER = { org: "services/user/", user: "services/org/", platform: null };

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
