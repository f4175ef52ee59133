import { ApiError } from "@svc/platform";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimitWindow } from "../db/schema";

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter in D1, for limits longer than the RATE_LIMITER binding's 10 s / 60 s
 * periods. One upsert per call: it restarts the count when a new window has begun.
 */
export async function enforceWindow(db: Db, key: string, rule: WindowRule, now = Date.now()) {
  const windowStart = now - (now % rule.windowMs);
  const [row] = await db
    .insert(rateLimitWindow)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitWindow.key,
      set: {
        count: sql`case when ${rateLimitWindow.windowStart} = excluded.window_start then ${rateLimitWindow.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimitWindow.count });
  if (row && row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
    throw new ApiError("RATE_LIMITED", "Too many requests of this kind; try again later", {
      headers: { "Retry-After": String(retryAfter) },
    });
  }
}
