import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_USER_MIGRATIONS: D1Migration[];
      USER_DB: D1Database;
      /** Optional secrets the tests set (vitest.workers.ts). */
      STRIPE_SECRET_KEY: string;
      STRIPE_WEBHOOK_SECRET: string;
      UPLOAD_SIGNING_KEY: string;
    }
  }
}
