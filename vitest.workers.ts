// Builds the workers that tests run beside the worker under test, with the bindings from their own
// wrangler config (dev environment), so a test talks to the real peer, not a stand-in.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import { TEST_AUTH_URL, TEST_SECRETS } from "./packages/platform/src/testing/constants.ts";

export const WORKERS = {
  org: {
    config: "wrangler.org.toml",
    name: "org-service",
    migrations: "migrations/org",
    dbId: "00000000-0000-0000-0000-000000000001",
  },
  user: {
    config: "wrangler.user.toml",
    name: "user-service",
    migrations: "migrations/user",
    dbId: "00000000-0000-0000-0000-000000000002",
  },
  auth: {
    config: "wrangler.auth.toml",
    name: "auth-service",
    migrations: "migrations/auth",
    dbId: "00000000-0000-0000-0000-000000000003",
  },
} as const;
type WorkerKey = keyof typeof WORKERS;

export const migrations = (key: WorkerKey) => readD1Migrations(WORKERS[key].migrations);

/** A worker's build-time `define`s, which wrangler applies to its bundle and vitest to its source. */
export const defines = (key: WorkerKey) =>
  ({ ...unstable_readConfig({ config: WORKERS[key].config, env: "dev" }).define }) as Record<string, string>;

/** Binding settings every worker gets in tests. */
export const testVars = {
  ...TEST_SECRETS,
  ENVIRONMENT: "test",
  AUTH_SERVICE_URL: TEST_AUTH_URL,
  JWT_ISSUER: TEST_AUTH_URL,
  JWT_AUDIENCE: TEST_AUTH_URL,
  // Stripe is the stand-in in services/org/test/stripe.ts, answering at this base URL.
  STRIPE_SECRET_KEY: "sk_test_stand_in",
  STRIPE_WEBHOOK_SECRET: "whsec_test_stand_in",
  STRIPE_API_BASE_URL: "http://stripe.test",
  STRIPE_PRICE_IDS: "price_business_monthly,price_business_yearly",
  BILLING_REDIRECT_HOSTS: "app.example.com",
  UPLOAD_SIGNING_KEY: "test-upload-signing-key",
};

/**
 * A whole suite shares one service key, so the production limit (100/min) would throttle it;
 * tests of the 429 path replace the binding itself.
 */
export const testRateLimit = {
  RATE_LIMITER: { namespace_id: "9999", simple: { limit: 1_000_000, period: 60 } },
};

const built = new Set<WorkerKey>();

// wrangler reads a worker's required secrets from the environment; the tests' values satisfy it
// (they are the same values every test worker is given below).
for (const [name, value] of Object.entries(TEST_SECRETS)) process.env[name] ??= value;

export function auxiliaryWorker(
  key: WorkerKey,
  overrides: {
    bindings?: Record<string, string>;
    serviceBindings?: Record<string, string>;
    outboundService?: string;
  } = {},
) {
  const { config, name } = WORKERS[key];
  // `pnpm mutants` reuses a build its mutant cannot have changed (the bundle is ~10 s to make).
  const reuse = process.env.REUSE_WORKER_BUILD === "1" && existsSync(`.build/${name}/index.js`);
  if (!built.has(key) && !reuse) {
    execFileSync(
      "wrangler",
      ["deploy", "--dry-run", "--outdir", `.build/${name}`, "--config", config, "--env", "dev"],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    built.add(key);
  }
  const { workerOptions: w } = unstable_getMiniflareWorkerOptions(config, "dev");
  return {
    name,
    modules: true,
    scriptPath: `.build/${name}/index.js`,
    compatibilityDate: w.compatibilityDate,
    compatibilityFlags: w.compatibilityFlags,
    bindings: { ...w.bindings, ...testVars, ...overrides.bindings },
    d1Databases: w.d1Databases,
    r2Buckets: w.r2Buckets,
    queueProducers: w.queueProducers,
    ratelimits: testRateLimit,
    serviceBindings: overrides.serviceBindings ?? w.serviceBindings,
    ...(overrides.outboundService ? { outboundService: overrides.outboundService } : {}),
  };
}
