// The test projects, defined here once; vitest.config.ts passes them to `test.projects` (Vitest 4
// no longer reads a workspace file by itself).
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { TEST_AUTH_URL } from "./packages/platform/src/testing/constants.ts";
import { auxiliaryWorker, defines, migrations, testRateLimit, testVars, WORKERS } from "./vitest.workers.ts";

/**
 * Timeouts only catch hangs (speed is the benchmark's business). A worker loads its app on the
 * first request it serves, so the first test of a file pays that module graph's load through the
 * test runner: over the default 5 s on a cold clone, or with the projects sharing 2 cores. A
 * service's first test may load three graphs (itself, the peer, and the copy the peer calls back),
 * which took over 20 s on a loaded machine. Inline projects do not inherit the root `test`
 * options, so each project spreads these.
 */
const timeouts = { testTimeout: 40_000, hookTimeout: 40_000 };

type Service = "org" | "user";

/** The auth worker in the cross project reaches both services through its bindings only. */
const authBindings = { BETTER_AUTH_URL: TEST_AUTH_URL, USER_SERVICE_URL: "", ORG_SERVICE_URL: "" };
const upper = (s: Service) => s.toUpperCase() as Uppercase<Service>;

/**
 * One service's tests: its worker under test, and the real peer worker answering its service
 * binding. The peer's D1 is bound here too, so the setup file migrates both and tests can read the
 * peer's rows.
 */
function serviceProject(service: Service, peer: Service, suite?: "faults") {
  return {
    define: defines(service),
    plugins: [
      cloudflareTest(async () => ({
        wrangler: { configPath: WORKERS[service].config, environment: "dev" },
        miniflare: {
          bindings: {
            ...testVars,
            TEST_MIGRATIONS: await migrations(service),
            [`TEST_${upper(peer)}_MIGRATIONS`]: await migrations(peer),
          },
          d1Databases: { DB: WORKERS[service].dbId, [`${upper(peer)}_DB`]: WORKERS[peer].dbId },
          ratelimits: testRateLimit,
          // The peer's binding back reaches a built copy of the service under test on the same D1
          // (the user service asks the org service whether an organization is live before it
          // places a user there); the copy's own binding back is left unbound.
          workers: [
            auxiliaryWorker(peer, {
              serviceBindings: { [`${upper(service)}_SERVICE`]: WORKERS[service].name },
            }),
            auxiliaryWorker(service, { serviceBindings: {} }),
          ],
        },
      })),
    ],
    test: {
      ...timeouts,
      name: suite ? `${suite}-${service}` : service,
      include: [
        suite ? `services/${service}/test/${suite}/**/*.test.ts` : `services/${service}/src/**/*.test.ts`,
      ],
      setupFiles: [`services/${service}/test/setup.ts`],
    },
  };
}

export const projects: TestProjectInlineConfiguration[] = [
  {
    plugins: [
      cloudflareTest({
        // One D1 database for the session tests (d1-session.test.ts).
        miniflare: {
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_als"],
          d1Databases: ["DB"],
        },
      }),
    ],
    test: { name: "platform", include: ["packages/*/src/**/*.test.ts"], ...timeouts },
  },
  serviceProject("org", "user"),
  serviceProject("user", "org"),
  // Fault injection at the binding boundary (failing D1 statements, a failing peer, queue):
  // each service's multi-step flows, with the data invariants checked after every fault.
  serviceProject("org", "user", "faults"),
  serviceProject("user", "org", "faults"),
  {
    // Both services and the real Better Auth worker together, as they run in production: the
    // services fetch the JWKS from the auth worker, whose hooks sync users, organizations and
    // memberships into the user and org services through its bindings to both.
    plugins: [
      cloudflareTest(async () => ({
        miniflare: {
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_als"],
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
          serviceBindings: {
            ORG: WORKERS.org.name,
            USER: WORKERS.user.name,
            AUTH: WORKERS.auth.name,
            AUTH_ORG_DOWN: "auth-org-down",
            AUTH_USER_WRITES_DOWN: "auth-user-writes-down",
          },
          workers: [
            auxiliaryWorker("org", { outboundService: WORKERS.auth.name }),
            auxiliaryWorker("user", { outboundService: WORKERS.auth.name }),
            auxiliaryWorker("auth", { bindings: authBindings }),
            // The same auth worker (same D1 and secrets, so sessions carry over) with a failing
            // peer at its bindings: the org service down, or a user service that answers reads
            // but fails every write (the second step of each sync).
            {
              ...auxiliaryWorker("auth", {
                bindings: authBindings,
                serviceBindings: { USER_SERVICE: WORKERS.user.name, ORG_SERVICE: "peer-down" },
              }),
              name: "auth-org-down",
            },
            {
              ...auxiliaryWorker("auth", {
                bindings: authBindings,
                serviceBindings: { USER_SERVICE: "user-writes-down", ORG_SERVICE: WORKERS.org.name },
              }),
              name: "auth-user-writes-down",
            },
            {
              name: "peer-down",
              modules: true,
              compatibilityDate: "2026-11-01",
              script: 'export default { fetch: () => new Response("down", { status: 503 }) };',
            },
            {
              name: "user-writes-down",
              modules: true,
              compatibilityDate: "2026-11-01",
              serviceBindings: { USER: WORKERS.user.name },
              script: `export default {
                fetch(request, env) {
                  const read = request.method === "GET" || new URL(request.url).pathname.endsWith("/move-out/check");
                  return read ? env.USER.fetch(request) : new Response("down", { status: 503 });
                },
              };`,
            },
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
];
