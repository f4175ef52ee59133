// R1: the yardstick for the services — a bare Hono app doing one D1 primary-key read on the same
// seeded org database, answering JSON. The service cases are reported as ratios to this.
import { Hono } from "hono";

const app = new Hono();
app.get("/organizations/:id", async (c) => {
  const row = await c.env.DB.prepare("SELECT * FROM organization WHERE id = ?")
    .bind(c.req.param("id"))
    .first();
  return row ? c.json({ data: row }) : c.json({ error: "not found" }, 404);
});

export default app;
