// R0: the floor — a bare Hono app answering a small JSON body, no bindings touched.
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.json({ data: { ok: true } }));

export default app;
