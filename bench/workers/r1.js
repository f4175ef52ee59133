// R1: the yardstick for the services — a bare Hono app doing one D1 primary-key read on the same
// seeded org database, answering JSON. The service cases are reported as ratios to this.
// R1L (/limited/…) makes one RATE_LIMITER call first, as every user-principal request does.
// R1P (/page) reads the first page of 25 live organizations and the live counter, in one batch.
import { Hono } from "hono";

const app = new Hono();
app.use("/limited/*", async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: "bench" });
  return success ? next() : c.json({ error: "rate limited" }, 429);
});
app.get("/limited/organizations/:id", readOrganization);
app.get("/organizations/:id", readOrganization);
app.get("/page", async (c) => {
  const [page, counted] = await c.env.DB.batch([
    c.env.DB.prepare(
      "SELECT * FROM organization WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 25",
    ),
    c.env.DB.prepare("SELECT value FROM counter WHERE name = 'organizations'"),
  ]);
  return c.json({ data: page.results, total: counted.results[0]?.value ?? 0 });
});

async function readOrganization(c) {
  const row = await c.env.DB.prepare("SELECT * FROM organization WHERE id = ?")
    .bind(c.req.param("id"))
    .first();
  return row ? c.json({ data: row }) : c.json({ error: "not found" }, 404);
}

export default app;
