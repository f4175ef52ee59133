// R1L: R1 plus one call of the RATE_LIMITER binding, as every user-principal request makes. Locally
// the binding is simulated by a Durable Object on SQLite, so this is the floor for those cases.
import { Hono } from "hono";

const app = new Hono();
app.get("/organizations/:id", async (c) => {
  const { success } = await c.env.RATE_LIMITER.limit({ key: "bench" });
  if (!success) return c.json({ error: "rate limited" }, 429);
  const row = await c.env.DB.prepare("SELECT * FROM organization WHERE id = ?")
    .bind(c.req.param("id"))
    .first();
  return row ? c.json({ data: row }) : c.json({ error: "not found" }, 404);
});

export default app;
