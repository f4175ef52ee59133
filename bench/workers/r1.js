// R1: the yardstick for the services — a bare Hono app doing one D1 primary-key read on the same
// seeded org database, answering JSON. The service cases are reported as ratios to this.
// R1L (/limited/…) makes one RATE_LIMITER call first, as every user-principal request does.
// R1P (/page) answers what the list route answers for page 1 — 25 live organizations in the API's
// shape (camelCase, ISO times) with the live count and a next cursor — from one statement, as the
// route does (its cursor through the same encoder), but with no middleware, validation or guard:
// the floor for the pages of 25.
import { Hono } from "hono";
import { encodeCursor } from "../../packages/platform/src/cursor";

const app = new Hono();
app.use("/limited/*", async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: "bench" });
  return success ? next() : c.json({ error: "rate limited" }, 429);
});
app.get("/limited/organizations/:id", readOrganization);
app.get("/organizations/:id", readOrganization);
const iso = (column) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
const PAGE = `SELECT id, better_auth_org_id AS betterAuthOrgId, name, slug, description, logo_url AS logoUrl,
  website_url AS websiteUrl, status, kind, subscription_tier AS subscriptionTier,
  subscription_status AS subscriptionStatus, seats, creator_id AS creatorId,
  ${iso("created_at")} AS createdAt, ${iso("updated_at")} AS updatedAt, created_at AS sortKey,
  (SELECT value FROM counter WHERE name = 'organizations') AS total
  FROM organization WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`;
const LIMIT = 25;

app.get("/page", async (c) => {
  const { results } = await c.env.DB.prepare(PAGE).bind(LIMIT).all();
  const total = results[0]?.total ?? 0;
  const data = results.map(({ sortKey, total, ...organization }) => organization);
  const last = results.at(-1);
  const nextCursor = last ? encodeCursor(["createdAt", "desc", "", 2, String(last.sortKey), last.id]) : null;
  return c.json({
    data,
    pagination: { page: 1, limit: LIMIT, total, pages: Math.ceil(total / LIMIT), nextCursor },
  });
});

async function readOrganization(c) {
  const row = await c.env.DB.prepare("SELECT * FROM organization WHERE id = ?")
    .bind(c.req.param("id"))
    .first();
  return row ? c.json({ data: row }) : c.json({ error: "not found" }, 404);
}

export default app;
