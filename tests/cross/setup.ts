import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.ORG_DB, env.TEST_ORG_MIGRATIONS);
await applyD1Migrations(env.USER_DB, env.TEST_USER_MIGRATIONS);
await applyD1Migrations(env.AUTH_DB, env.TEST_AUTH_MIGRATIONS);
