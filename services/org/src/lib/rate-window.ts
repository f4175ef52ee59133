import { rateLimited } from "@svc/platform";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimitWindow } from "../db/schema";

export interface WindowRule {
  limit: number;
  windowMs: number;
}

/**
 * A fixed-window counter in D1, for limits longer than the RATE_LIMITER binding's 10 s / 60 s
 * periods. One upsert per call: it restarts the count when a new window has begun. Returns what
 * is left of the window (the `RateLimit` field's `r` and `t`); over the limit it throws the 429.
 */
export async function enforceWindow(
  db: Db,
  name: string,
  key: string,
  rule: WindowRule,
  now = Date.now(),
): Promise<{ remaining: number; resetSeconds: number }> {
  const windowStart = now - (now % rule.windowMs);
  const [row] = await db
    .insert(rateLimitWindow)
    .values({ key: `${name}:${key}`, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimitWindow.key,
      set: {
        count: sql`case when ${rateLimitWindow.windowStart} = excluded.window_start then ${rateLimitWindow.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimitWindow.count });
  const resetSeconds = Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000));
  const count = row?.count ?? 0;
  if (count > rule.limit)
    throw rateLimited(name, resetSeconds, "Too many requests of this kind; try again later");
  return { remaining: rule.limit - count, resetSeconds };
}
