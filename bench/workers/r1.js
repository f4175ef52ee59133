// R1: the yardstick for the services — a bare Hono app doing one D1 primary-key read on the same
// seeded org database, answering JSON. The service cases are reported as ratios to this.
// R1L (/limited/…) makes one RATE_LIMITER call first, as every user-principal request does.
import { Hono } from "hono";

const app = new Hono();
app.use("/limited/*", async (c, next) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: "bench" });
  return success ? next() : c.json({ error: "rate limited" }, 429);
});
app.get("/limited/organizations/:id", readOrganization);
app.get("/organizations/:id", readOrganization);

async function readOrganization(c) {
  const row = await c.env.DB.prepare("SELECT * FROM organization WHERE id = ?")
    .bind(c.req.param("id"))
    .first();
  return row ? c.json({ data: row }) : c.json({ error: "not found" }, 404);
}

export default app;
