// R1: the yardstick for the services — a bare Hono app doing one D1 primary-key read on the same
// seeded org database, answering JSON. The service cases are reported as ratios to this.
// R1L (/limited/…) makes one RATE_LIMITER call first, as every user-principal request does.
// R1P (/page) answers what the list route answers for page 1 — 25 live organizations in the API's
// shape (camelCase, ISO times) with the live count and a next cursor — from one statement, as the
// route does (its cursor through the same encoder), but with no middleware, validation or guard:
// the floor for the pages of 25.
// R1S, R1LS, R1PS (/session/…): the same three inside one D1 session (`withSession`, the bookmark
// answered in `X-D1-Bookmark`), as every service request runs since read replication: the floors
// the services' cases are held to.
import { Hono } from "hono";
import { encodeCursor } from "../../packages/platform/src/cursor";

const reads = new Hono();
reads.use("/limited/*", async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: "bench" });
  return success ? next() : c.json({ error: "rate limited" }, 429);
});
reads.get("/limited/organizations/:id", readOrganization);
reads.get("/organizations/:id", readOrganization);
const iso = (column) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
const PAGE = `SELECT id, better_auth_org_id AS betterAuthOrgId, name, slug, description, logo_url AS logoUrl,
  website_url AS websiteUrl, status, kind, subscription_tier AS subscriptionTier,
  subscription_status AS subscriptionStatus, seats, creator_id AS creatorId,
  ${iso("created_at")} AS createdAt, ${iso("updated_at")} AS updatedAt, created_at AS sortKey,
  (SELECT value FROM counter WHERE name = 'organizations') AS total
  FROM organization WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`;
const LIMIT = 25;

reads.get("/page", async (c) => {
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

const app = new Hono();
app.use("/session/*", async (c, next) => {
  const session = c.env.DB.withSession("first-unconstrained");
  c.env = { ...c.env, DB: session };
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.res.headers.set("X-D1-Bookmark", bookmark);
});
app.route("/session", reads);
app.route("/", reads);

export default app;
