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
      /** The auth worker with the org service down at its binding. */
      AUTH_ORG_DOWN: Fetcher;
      /** The auth worker with a user service that answers reads and fails every write. */
      AUTH_USER_WRITES_DOWN: Fetcher;
    }
  }
}
