import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_AUTH_URL } from "./packages/platform/src/testing/constants.ts";
import { auxiliaryWorker, migrations, testRateLimit, testVars, WORKERS } from "./vitest.workers.ts";

/**
 * Timeouts only catch hangs (speed is the benchmark's business). A worker loads its app on the
 * first request it serves, so the first test of a file pays that module graph's load through the
 * test runner: over the default 5 s on a cold clone, or with the projects sharing 2 cores. Inline
 * projects do not inherit the root `test` options, so each project spreads these.
 */
const timeouts = { testTimeout: 20_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    // Request log lines are printed only for failing tests.
    silent: "passed-only",
    projects: [
      {
        plugins: [
          cloudflareTest({
            miniflare: { compatibilityDate: "2026-11-01" },
          }),
        ],
        test: { name: "platform", include: ["packages/*/src/**/*.test.ts"], ...timeouts },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: WORKERS.org.config, environment: "dev" },
            miniflare: {
              bindings: {
                ...testVars,
                TEST_MIGRATIONS: await migrations("org"),
                TEST_USER_MIGRATIONS: await migrations("user"),
              },
              d1Databases: { DB: WORKERS.org.dbId, USER_DB: WORKERS.user.dbId },
              ratelimits: testRateLimit,
              // The real user service answers the USER_SERVICE binding.
              workers: [auxiliaryWorker("user", { serviceBindings: {} })],
            },
          })),
        ],
        test: {
          ...timeouts,
          name: "org",
          include: ["services/org/src/**/*.test.ts"],
          setupFiles: ["services/org/test/setup.ts"],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: WORKERS.user.config, environment: "dev" },
            miniflare: {
              bindings: {
                ...testVars,
                TEST_MIGRATIONS: await migrations("user"),
                TEST_ORG_MIGRATIONS: await migrations("org"),
              },
              d1Databases: { DB: WORKERS.user.dbId, ORG_DB: WORKERS.org.dbId },
              ratelimits: testRateLimit,
              // The real org service answers ORG_SERVICE; its own USER_SERVICE is left unbound.
              workers: [auxiliaryWorker("org", { serviceBindings: {} })],
            },
          })),
        ],
        test: {
          ...timeouts,
          name: "user",
          include: ["services/user/src/**/*.test.ts"],
          setupFiles: ["services/user/test/setup.ts"],
        },
      },
      {
        // Both services and the real Better Auth worker together, as they run in production: the
        // services fetch the JWKS from the auth worker, which syncs users into the user service.
        plugins: [
          cloudflareTest(async () => ({
            miniflare: {
              compatibilityDate: "2026-11-01",
              bindings: {
                TEST_ORG_MIGRATIONS: await migrations("org"),
                TEST_USER_MIGRATIONS: await migrations("user"),
                TEST_AUTH_MIGRATIONS: await migrations("auth"),
              },
              d1Databases: {
                ORG_DB: WORKERS.org.dbId,
                USER_DB: WORKERS.user.dbId,
                AUTH_DB: WORKERS.auth.dbId,
              },
              serviceBindings: { ORG: WORKERS.org.name, USER: WORKERS.user.name, AUTH: WORKERS.auth.name },
              workers: [
                auxiliaryWorker("org", { outboundService: WORKERS.auth.name }),
                auxiliaryWorker("user", { outboundService: WORKERS.auth.name }),
                auxiliaryWorker("auth", {
                  bindings: { BETTER_AUTH_URL: TEST_AUTH_URL, USER_SERVICE_URL: "" },
                }),
              ],
            },
          })),
        ],
        test: {
          ...timeouts,
          name: "cross",
          include: ["tests/cross/**/*.test.ts"],
          setupFiles: ["tests/cross/setup.ts"],
        },
      },
    ],
  },
});
