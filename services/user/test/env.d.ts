import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_ORG_MIGRATIONS: D1Migration[];
      ORG_DB: D1Database;
    }
  }
}
