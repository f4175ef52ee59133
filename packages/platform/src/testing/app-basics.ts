import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { DOCS_CSP } from "../docs";
import { GATEWAY_KEY } from "./constants";
import { expectData, expectError, json, serviceHeaders } from "./http";

interface AppUnderTest {
  /** The name /health reports. */
  service: string;
  /** The deployed worker, called by path. */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  /** The worker with its D1 binding replaced. */
  apiWithDb: (db: D1Database, path: string, init?: RequestInit) => Promise<Response>;
  /** A POST route that reads a JSON body, to hit the body limit on. */
  postPath: string;
  /** A GET of a resource that does not exist (a 404 after a D1 read), with the headers it needs. */
  missing: (id: string) => { path: string; headers: Record<string, string> };
}

/** A D1 binding whose every query throws `message`, to see what a failure lets through. */
export const failingDb = (message: string) => {
  const db = {
    prepare: () => {
      throw new Error(message);
    },
    withSession: () => db,
  };
  return db as unknown as D1Database;
};

/** `target` with its functions bound to it, and `prepare` first telling `onPrepare` the SQL. */
function preparing<T extends object>(target: T, onPrepare: (sql: string) => void, extra: Partial<T> = {}): T {
  return new Proxy(target, {
    get(inner, prop) {
      if (prop in extra) return extra[prop as keyof T];
      if (prop === "prepare") {
        return (sql: string) => {
          onPrepare(sql);
          return (inner as unknown as D1Database).prepare(sql);
        };
      }
      const value = Reflect.get(inner, prop, inner);
      return typeof value === "function" ? value.bind(inner) : value;
    },
  });
}

/**
 * The real binding, recording the constraint or bookmark of every session the worker opens, the
 * statements run in those sessions, and those run on the binding itself, outside any session.
 */
function recordingSessions(db: D1Database) {
  const opened: (string | undefined)[] = [];
  const inSessions: string[] = [];
  const outside: string[] = [];
  const recording = preparing(db, (sql) => outside.push(sql), {
    withSession: (constraintOrBookmark?: string) => {
      opened.push(constraintOrBookmark);
      return preparing(db.withSession(constraintOrBookmark), (sql) => inSessions.push(sql));
    },
  } as Partial<D1Database>);
  return { db: recording, opened, inSessions, outside };
}

/** The service's own D1: every service binds it as `DB` (createApp requires it), whichever its Env. */
const serviceDb = () => (env as { DB: D1Database }).DB;

/** The cases every worker built on the platform app must pass: health, OpenAPI, unknown routes, body limit. */

export function describeAppBasics({ service, api, apiWithDb, postPath, missing }: AppUnderTest) {
  it("GET /health checks D1 and echoes a generated request id", async () => {
    const res = await api("/health");
    expect(await expectData(res, 200)).toEqual({ data: { status: "ok", service, checks: { d1: "ok" } } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("GET /health answers 503 in the envelope when D1 fails", async () => {
    const brokenDb = failingDb("D1_ERROR: no such table: secret_table");
    const body = await expectError(await apiWithDb(brokenDb, "/health"), 503, "SERVICE_UNAVAILABLE");
    expect(JSON.stringify(body)).not.toContain("secret_table");
  });

  it("GET /openapi.json is OpenAPI 3.1 with security and the error envelope on every guarded operation", async () => {
    const doc = await expectData<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, unknown>;
            security?: unknown[];
            "x-access"?: unknown;
            "x-signed-url"?: boolean;
          }
        >
      >;
      components: { securitySchemes: Record<string, unknown> };
    }>(await api("/openapi.json"), 200);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(["bearerAuth", "gatewayKey", "serviceKey"]),
    );
    const guarded = Object.entries(doc.paths).filter(([path]) => path.startsWith("/api/v1/"));
    expect(guarded.length).toBeGreaterThan(0);
    for (const [path, item] of guarded) {
      for (const [method, op] of Object.entries(item)) {
        // A signed URL a browser calls directly (ungated in createApp): its token is the credential.
        if (op["x-signed-url"]) continue;
        expect(op.security?.length, `${method} ${path}`).toBeGreaterThan(0);
        // A self-authenticated operation (a signed webhook) has no principal, tenant or limiter.
        const statuses = op["x-access"] ? ["400", "401", "403", "429", "500", "503"] : ["400", "500", "503"];
        for (const status of statuses) {
          expect(op.responses[status], `${method} ${path} ${status}`).toMatchObject({
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
          });
        }
      }
    }
  });

  it("GET /docs is a page whose every file this worker serves, under a CSP of 'self' only", async () => {
    const res = await api("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toBe(DOCS_CSP);
    const page = await res.text();
    // Nothing from another origin: no absolute URL, no protocol-relative one.
    expect(page.match(/https?:\/\/[^\s"'<>]*/g) ?? []).toEqual([]);
    expect(page.match(/(?:src|href)="\/\/[^"]*"/g) ?? []).toEqual([]);
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? "");
    const styles = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(scripts).toEqual(["/docs/assets/swagger-ui-bundle.js", "/docs/init.js"]);
    expect(styles).toEqual(["/docs/assets/swagger-ui.css"]);
    for (const [path, type] of [
      ...scripts.map((path) => [path, /^(text|application)\/javascript\b/] as const),
      ...styles.map((path) => [path, /^text\/css\b/] as const),
    ]) {
      const file = await api(path);
      expect(file.status, path).toBe(200);
      expect(file.headers.get("content-type"), path).toMatch(type);
      expect((await file.text()).length, path).toBeGreaterThan(0);
    }
    expect(await (await api("/docs/init.js")).text()).toContain('url: "/openapi.json"');
    expect(await (await api("/docs/assets/swagger-ui-bundle.js")).text()).toContain("SwaggerUIBundle");
  });

  it("GET /docs/assets serves only the files the page loads, not the rest of the UI package", async () => {
    for (const file of ["index.html", "swagger-initializer.js", "package.json", "swagger-ui.js.map"]) {
      await expectError(await api(`/docs/assets/${file}`), 404, "NOT_FOUND");
    }
    await expectError(await api("/swagger-ui-bundle.js"), 404, "NOT_FOUND");
  });

  it("GET /openapi.json names, describes and tags every operation, and documents what every answer carries", async () => {
    type Operation = {
      operationId?: string;
      summary?: string;
      description?: string;
      tags?: string[];
      requestBody?: { content: Record<string, { example?: unknown }> };
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    const doc = await expectData<{
      servers: { url: string }[];
      tags: { name: string; description: string }[];
      paths: Record<string, Record<string, Operation>>;
    }>(await api("/openapi.json"), 200);
    expect(doc.servers[0]?.url).toMatch(/^https?:\/\//);
    const declaredTags = new Set(doc.tags.map((t) => t.name));
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, name).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.push(op.operationId ?? "");
        expect(op.summary, name).toMatch(/\S/);
        expect(op.description, name).toMatch(/\S/);
        for (const tag of op.tags ?? []) expect(declaredTags.has(tag), `${name} tag ${tag}`).toBe(true);
        if (op.requestBody) {
          expect(op.responses["413"], `${name} 413`).toBeDefined();
          const json = op.requestBody.content["application/json"];
          // A JSON body shows an example; an image or multipart upload is bytes.
          if (json) expect(json.example, `${name} example`).toBeDefined();
        }
        for (const [status, response] of Object.entries(op.responses)) {
          expect(response.headers?.["X-Request-Id"], `${name} ${status} X-Request-Id`).toBeDefined();
        }
        if (op.responses["429"]) expect(op.responses["429"].headers?.["Retry-After"], name).toBeDefined();
      }
    }
    expect(new Set(ids).size, "operationIds are unique").toBe(ids.length);
  });

  it("sends no CORS headers and refuses a preflight (the services are called through the gateway)", async () => {
    const origin = { origin: "https://evil.example" };
    const res = await api("/health", { headers: origin });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await api("/health", {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "GET" },
    });
    await expectError(preflight, 403, "FORBIDDEN");
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an unknown route with the NOT_FOUND envelope", async () => {
    await expectError(await api("/nope"), 404, "NOT_FOUND");
    await expectError(
      await api("/api/v1/nope", { headers: { "x-internal-key": GATEWAY_KEY } }),
      404,
      "NOT_FOUND",
    );
  });

  it("hides which /api/v1 routes exist from callers without the gateway key", async () => {
    await expectError(await api("/api/v1/nope"), 401, "UNAUTHORIZED");
  });

  it("answers a body over the limit with PAYLOAD_TOO_LARGE", async () => {
    const res = await api(postPath, {
      method: "POST",
      ...json({ name: "x".repeat(7 * 1024 * 1024) }, serviceHeaders()),
    });
    await expectError(res, 413, "PAYLOAD_TOO_LARGE");
  });

  it("opens one D1 session per request: reads anywhere, writes at the primary, a bookmark where given", async () => {
    const { db, opened, inSessions, outside } = recordingSessions(serviceDb());
    const read = missing(crypto.randomUUID());
    const first = await apiWithDb(db, read.path, { headers: read.headers });
    await expectError(first, 404, "NOT_FOUND");
    // Every statement of the request ran in its session, none on the binding beside it.
    expect(inSessions.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    const bookmark = first.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);

    const again = await apiWithDb(db, read.path, {
      headers: { ...read.headers, "x-d1-bookmark": `${bookmark}` },
    });
    await expectError(again, 404, "NOT_FOUND");
    expect(again.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);

    await apiWithDb(db, postPath, { method: "POST", ...json({}, serviceHeaders()) });
    expect(opened).toEqual(["first-unconstrained", bookmark, "first-primary"]);
  });

  it("refuses a malformed bookmark with INVALID_INPUT before opening a session", async () => {
    const { db, opened } = recordingSessions(serviceDb());
    const read = missing(crypto.randomUUID());
    for (const bad of ["latest", "0000-zz", "1".repeat(200), "first-primary"]) {
      const res = await apiWithDb(db, read.path, { headers: { ...read.headers, "x-d1-bookmark": bad } });
      await expectError(res, 400, "INVALID_INPUT");
    }
    expect(opened).toEqual([]);
  });
}
