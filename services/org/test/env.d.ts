import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_USER_MIGRATIONS: D1Migration[];
      USER_DB: D1Database;
      UPLOAD_SIGNING_KEY: string;
    }
  }
}
