// `pnpm docs:check`: loads each service's /docs in headless Chromium with the network limited to
// the worker, and fails unless the API reference renders (three operation summaries from the
// service's own /openapi.json appear in the rendered page). Writes a screenshot of each page to
// .build/docs-<service>.png for a person to look at.
//
// Chromium is Debian's `chromium` package, installed with apt-get when missing. Only when it cannot
// be installed (not root, no apt, no package) does the check print why and exit 0; once Chromium
// runs, a page that does not render fails the check.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SERVICES = [
  { name: "org", config: "wrangler.org.toml" },
  { name: "user", config: "wrangler.user.toml" },
];
const OUT = ".build";
/** Virtual time Chromium lets pass (waiting for every fetch) before it dumps the page. */
const RENDER_BUDGET_MS = "20000";
const START_TIMEOUT_MS = 120_000;

const say = (message) => console.log(`docs-check: ${message}`);

function findChromium() {
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (found.status === 0) return found.stdout.trim();
  }
  return null;
}

/** The Chromium binary, installing Debian's package when missing; null when it cannot be installed. */
function ensureChromium() {
  const present = findChromium();
  if (present) return present;
  say("chromium is missing; installing Debian's chromium package with apt-get");
  const apt = (args) => spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"] });
  const installed = apt(["install", "-y", "-q", "chromium"]);
  if (installed.status !== 0) {
    // A fresh machine has no package lists yet.
    apt(["update", "-q"]);
    apt(["install", "-y", "-q", "chromium"]);
  }
  return findChromium();
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitFor(url, deadline, worker) {
  while (Date.now() < deadline) {
    if (worker.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const children = [];
const scratch = mkdtempSync(join(tmpdir(), "docs-check-"));
/** Stops the workers this script started (and waits for them, so their workerd goes too). */
async function cleanup() {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          child.once("exit", resolve);
          child.kill("SIGTERM");
          setTimeout(resolve, 10_000).unref();
        }),
    ),
  );
  rmSync(scratch, { recursive: true, force: true });
}
process.on("SIGINT", async () => {
  await cleanup();
  process.exit(130);
});

/**
 * The service's dev environment under `wrangler dev`, offline, on a free port, with its own state
 * and dev registry in a scratch folder so it neither reads nor disturbs a running `pnpm dev`.
 * Secrets come from the committed dev example file (none of them is needed to serve /docs).
 */
async function startWorker({ name, config }) {
  const port = await freePort();
  const inspector = await freePort();
  const log = [];
  const child = spawn(
    "wrangler",
    [
      "dev",
      "--config",
      config,
      "--env",
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      join(scratch, "state"),
      "--env-file",
      ".dev.vars.example",
      "--show-interactive-dev-session=false",
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        WRANGLER_REGISTRY_PATH: join(scratch, "registry"),
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
      },
    },
  );
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => log.push(String(chunk)));
  const origin = `http://127.0.0.1:${port}`;
  if (!(await waitFor(`${origin}/health`, Date.now() + START_TIMEOUT_MS, child))) {
    console.error(log.join(""));
    throw new Error(`the ${name} worker did not answer /health`);
  }
  return origin;
}

/**
 * Chromium with every host but the worker's unreachable: names other than 127.0.0.1 do not
 * resolve, and anything else (an IP literal) goes to a proxy on a port nothing listens on.
 */
function chromium(binary, args) {
  const deadPort = 9;
  const result = spawnSync(
    binary,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(scratch, "profile")}`,
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      `--proxy-server=http://127.0.0.1:${deadPort}`,
      "--proxy-bypass-list=127.0.0.1",
      "--enable-logging=stderr",
      "--v=0",
      "--window-size=1280,1600",
      `--virtual-time-budget=${RENDER_BUDGET_MS}`,
      ...args,
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
  );
  if (result.error) throw result.error;
  return result;
}

const decodeEntities = (text) =>
  text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");

/** The first, middle and last operation summaries of the document, so the whole list must render. */
async function expectedSummaries(origin) {
  const doc = await (await fetch(`${origin}/openapi.json`)).json();
  const summaries = Object.values(doc.paths)
    .flatMap((item) => Object.values(item).map((op) => op.summary))
    .filter((summary) => typeof summary === "string" && summary.length > 0);
  if (summaries.length < 3) throw new Error(`${origin}/openapi.json has fewer than three summaries`);
  return [summaries[0], summaries[Math.floor(summaries.length / 2)], summaries.at(-1)];
}

async function checkService(binary, service) {
  const origin = await startWorker(service);
  const url = `${origin}/docs`;
  const wanted = await expectedSummaries(origin);
  const dump = chromium(binary, ["--dump-dom", url]);
  const dom = decodeEntities(dump.stdout ?? "");
  const missing = wanted.filter((summary) => !dom.includes(summary));
  // Chromium logs a blocked load or a CSP refusal to stderr; either means the page is not self-contained.
  const refusals = (dump.stderr ?? "")
    .split("\n")
    .filter((line) => /Content Security Policy|Refused to|net::ERR_/.test(line));
  const screenshot = join(OUT, `docs-${service.name}.png`);
  const shot = chromium(binary, [`--screenshot=${screenshot}`, url]);
  const problems = [];
  if (dump.status !== 0) problems.push(`chromium exited ${dump.status} dumping the page`);
  if (missing.length > 0) problems.push(`operation summaries not rendered: ${JSON.stringify(missing)}`);
  if (refusals.length > 0) problems.push(`blocked or refused loads:\n  ${refusals.join("\n  ")}`);
  if (shot.status !== 0) problems.push(`chromium exited ${shot.status} taking the screenshot`);
  if (problems.length > 0) {
    console.error(`docs-check: ${url}:\n${problems.join("\n")}`);
    // What the page itself logged (Swagger UI reports a document it could not load there).
    const consoleLines = (dump.stderr ?? "").split("\n").filter((line) => line.includes(":CONSOLE"));
    if (consoleLines.length > 0) console.error(`page console:\n  ${consoleLines.join("\n  ")}`);
    return false;
  }
  say(
    `${service.name}: ${url} rendered ${wanted.map((s) => JSON.stringify(s)).join(", ")}; screenshot ${screenshot}`,
  );
  return true;
}

const binary = ensureChromium();
if (!binary) {
  say(
    "SKIPPED: Chromium is not installed and could not be installed (apt-get failed); /docs was not checked",
  );
  process.exit(0);
}
// Debian's launcher script prints a harmless shell warning on stderr; only the version is wanted.
const version = execFileSync(binary, ["--version"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "ignore"],
});
say(`using ${version.trim()}`);
mkdirSync(OUT, { recursive: true });
let ok = true;
try {
  for (const service of SERVICES) ok = (await checkService(binary, service)) && ok;
} catch (err) {
  console.error(`docs-check: ${err.message}`);
  ok = false;
} finally {
  await cleanup();
}
say(ok ? "the API reference renders offline for every service" : "FAILED");
process.exit(ok ? 0 : 1);
