// `pnpm bench`: bundle size and startup CPU of each worker, then the services under load in local
// workerd next to bare Hono reference workers, as ratios. See BENCHMARKS.md for the method.
import { loadavg } from "node:os";
import { buildReference, buildService, measureStartup } from "./build.mjs";
import {
  CONNECTIONS,
  DURATION_S,
  defineCases,
  floorMismatch,
  measure,
  probe,
  QUICK,
  variantMismatch,
  WARMUP_S,
} from "./load.mjs";
import { printReport, summarize, writeBenchmarks } from "./report.mjs";
import {
  applyMigrations,
  authUserId,
  MEMBERS,
  restoreOrgs,
  SEARCH_TERM,
  seededId,
  seedOrgs,
  seedUsers,
} from "./seed.mjs";
import { compatibilityOf, isolateOptions, startJwks, startWorkers, workerOptions } from "./stack.mjs";

const RUNS = 3;
// wrangler's config warnings (e.g. the production-only AI binding) are not the bench's business.
process.env.WRANGLER_LOG ??= "error";
const SERVICES = [
  { name: "org-service", config: "wrangler.org.toml", migrations: "migrations/org" },
  { name: "user-service", config: "wrangler.user.toml", migrations: "migrations/user" },
];
/**
 * Builds of the org worker each without one list mechanism (a build-time switch: wrangler.org.toml),
 * measured on the list cases beside the org worker: the A/B in BENCHMARKS.md.
 */
const VARIANTS = [
  { name: "org-no-recent-counts", mechanism: "recentCounts", switches: ["__BENCH_NO_RECENT_COUNTS__"] },
  { name: "org-no-prepared", mechanism: "prepared cache", switches: ["__BENCH_NO_PREPARED__"] },
  // Measured on a guarded read instead of the list cases: the guard must cost ≤ 5 %.
  {
    name: "org-no-entitlement-guard",
    mechanism: "entitlement guard",
    switches: ["__BENCH_NO_ENTITLEMENT_GUARD__"],
    guard: true,
  },
];
const REFERENCES = [
  { name: "bench-r0", entry: "bench/workers/r0.js" },
  { name: "bench-r1", entry: "bench/workers/r1.js", usesOrgDb: true, usesLimiter: true },
];

const step = (message) => console.log(`bench: ${message}`);

async function main() {
  const [loadAverage] = loadavg();
  if (loadAverage >= 1)
    step(`warning: load average ${loadAverage.toFixed(2)}; other work will skew the numbers`);

  step("building (wrangler deploy --dry-run --minify)");
  const services = [];
  for (const s of SERVICES) {
    const options = workerOptions(s.config);
    services.push({ ...s, options, isolate: isolateOptions(options), ...(await buildService(s)) });
  }
  const org = services[0].options;
  const variants = [];
  for (const v of VARIANTS) {
    const build = await buildService({ ...v, config: SERVICES[0].config });
    variants.push({ ...v, options: org, isolate: isolateOptions(org), ...build });
  }
  // The reference workers run with the services' compatibility settings (their bindings: stack.mjs).
  const compat = compatibilityOf(org);
  const references = [];
  for (const r of REFERENCES) {
    references.push({ ...r, isolate: compat, ...(await buildReference(r, compat)) });
  }

  // Before the workers start, so the profiles do not compete with them for the two cores.
  step("profiling startup (the first import under the inspector's CPU profiler, median of 7)");
  for (const w of [...services, ...references]) w.startupMs = await measureStartup(w);

  const jwks = await startJwks();
  let mf;
  try {
    step("starting workers in one Miniflare instance");
    const stack = await startWorkers({
      services: [...services, ...variants],
      references,
      authUrl: jwks.url,
      orgDb: org.d1Databases,
    });
    mf = stack.mf;

    step("applying migrations and seeding 100k organizations and 100k users");
    const [orgDb, userDb] = await Promise.all(SERVICES.map((s) => mf.getD1Database("DB", s.name)));
    await applyMigrations(orgDb, SERVICES[0].migrations);
    await applyMigrations(userDb, SERVICES[1].migrations);
    await seedOrgs(orgDb);
    await seedUsers(userDb);

    const cases = defineCases({
      urls: stack.urls,
      secrets: org.bindings,
      token: await jwks.sign(authUserId(1)),
      org: seededId(1),
      searchTerm: SEARCH_TERM,
      variants,
    });

    const unavailable = new Map();
    for (const c of cases) {
      const problem = await probe(c);
      if (problem) {
        unavailable.set(c.name, { error: problem });
        console.error(`bench: ${c.name} is not measurable — ${problem}`);
      }
    }
    await restoreOrgs(orgDb);
    for (const mismatch of [await floorMismatch(cases), await variantMismatch(cases)]) {
      if (mismatch) step(`warning: ${mismatch}`);
    }

    const settings =
      `${QUICK ? "BENCH_QUICK (provisional), " : ""}${CONNECTIONS} connections, ` +
      `${WARMUP_S} s warm-up + ${DURATION_S} s per case, median of ${RUNS} interleaved runs; ` +
      `members org has ${MEMBERS} users`;
    step(`load: ${settings}`);
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const results = new Map(unavailable);
      for (const c of cases.filter((c) => !unavailable.has(c.name))) {
        const result = await measure(c, stack.cpuMs);
        if (c.createsOrgs) await restoreOrgs(orgDb);
        results.set(c.name, result);
        const shown =
          result.error ??
          `${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, ${result.cpuUs.toFixed(0)} µs workerd CPU/req`;
        step(`run ${run}/${RUNS} ${c.name}: ${shown}`);
      }
      runs.push(results);
    }

    const rows = summarize(cases, runs);
    printReport([...services, ...references], rows);
    writeBenchmarks([...services, ...references], rows, { settings, loadAverage });
    step("BENCHMARKS.md updated");
  } finally {
    await mf?.dispose();
    await jwks.close();
  }
}

main().catch((err) => {
  console.error(`bench: failed — ${err.stack ?? err}`);
  process.exitCode = 1;
});
