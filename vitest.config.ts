import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { auxiliaryWorker, migrations, testRateLimit, testVars, WORKERS } from "./vitest.workers.ts";

export default defineConfig({
  test: {
    // Request log lines are printed only for failing tests.
    silent: "passed-only",
    projects: [
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
          name: "user",
          include: ["services/user/src/**/*.test.ts"],
          setupFiles: ["services/user/test/setup.ts"],
        },
      },
    ],
  },
});
