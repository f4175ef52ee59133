import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_ORG_MIGRATIONS: D1Migration[];
      TEST_USER_MIGRATIONS: D1Migration[];
      TEST_AUTH_MIGRATIONS: D1Migration[];
      ORG_DB: D1Database;
      USER_DB: D1Database;
      AUTH_DB: D1Database;
      ORG: Fetcher;
      USER: Fetcher;
      AUTH: Fetcher;
    }
  }
}
