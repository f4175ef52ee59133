import { Hono } from "hono";
import { html } from "hono/html";

/**
 * The interactive API reference at `/docs`: Swagger UI, served entirely by the worker so it renders
 * offline, on a locked-down network and under a strict CSP. The UI's two files come from the
 * `swagger-ui-dist` package through the Workers static assets binding (`[assets]` in the wrangler
 * configs points at the installed package); the page and its start-up script come from here.
 */

/** The package files the page loads; every other file in the package (its demo page) stays unserved. */
const ASSET_FILES = new Set(["swagger-ui-bundle.js", "swagger-ui.css"]);

/**
 * Only this origin. Scripts and stylesheets are files (no inline `<script>` or `<style>`: the start-up
 * code is /docs/init.js); Swagger UI sets element styles through the DOM, which `style-src` does not
 * govern, so no 'unsafe-inline'. `img-src data:` is for the icons swagger-ui.css embeds as data: URLs.
 * `connect-src 'self'` lets it fetch /openapi.json and send "Try it out" requests to this worker.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Swagger UI's start-up: the document to load, and no validator badge (by default it sends the
 * document to an outside validation service and shows that service's image).
 */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
});
`;

export function docsRouter(title: string) {
  const router = new Hono<{ Bindings: { ASSETS: Fetcher } }>();
  router.get("/docs", (c) => {
    c.header("Content-Security-Policy", DOCS_CSP);
    return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`);
  });
  router.get("/docs/init.js", (c) => c.body(INIT_SCRIPT, 200, { "Content-Type": "text/javascript" }));
  router.get("/docs/assets/:file", async (c) => {
    const file = c.req.param("file");
    if (!ASSET_FILES.has(file)) return c.notFound();
    const asset = await c.env.ASSETS.fetch(new URL(`/${file}`, c.req.url));
    // A fetched response's headers are immutable; the request-id middleware adds one after this.
    return new Response(asset.body, asset);
  });
  return router;
}
