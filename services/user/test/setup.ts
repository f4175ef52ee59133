import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.ORG_DB, env.TEST_ORG_MIGRATIONS);

// The worker imports its app on the first request it serves; importing it here, once per test
// file, keeps that module graph's one-time load out of the first test's 5 s timeout.
await import("../src/app");
