import { Hono } from "hono";
import { type RequestIdVariables, requestId } from "hono/request-id";
import { authFor } from "./auth";

const app = new Hono<{ Bindings: AuthEnv; Variables: RequestIdVariables }>();

app.use(requestId());

app.get("/health", (c) => c.json({ data: { status: "ok" } }));

app.on(["GET", "POST"], "/api/auth/*", async (c) => {
  const id = c.get("requestId");
  // Better Auth only sees the raw request, so a generated request id has to travel in its headers
  // to reach the sync hook; its response skips Hono's prepared headers, so the echo is set here.
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Request-Id", id);
  const response = await authFor(c.env).handler(new Request(c.req.raw, { headers }));
  response.headers.set("X-Request-Id", id);
  return response;
});

const errorBody = (code: string, message: string, requestId: string) => ({
  error: { code, message, details: [] },
  requestId,
  timestamp: new Date().toISOString(),
});

app.notFound((c) => c.json(errorBody("NOT_FOUND", "Route not found", c.get("requestId")), 404));

app.onError((error, c) => {
  console.error(
    JSON.stringify({ msg: "unhandled error", requestId: c.get("requestId"), error: String(error) }),
  );
  return c.json(errorBody("INTERNAL_ERROR", "Internal error", c.get("requestId")), 500);
});

export default app;
