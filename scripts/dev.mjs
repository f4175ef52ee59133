// Starts the org (8787), user (8788) and auth (8789) workers locally, offline, with local D1, R2
// and Queue state in .wrangler/state and every migration applied. Ctrl-C stops them.
// `bash scripts/dev.sh user auth` starts only the named ones, so one worker can run (and be
// restarted) alone in another terminal; they find each other through wrangler's dev registry.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

const STATE = ".wrangler/state";
const ALL = [
  { name: "org", config: "wrangler.org.toml", port: 8787, inspector: 9229, docs: true },
  { name: "user", config: "wrangler.user.toml", port: 8788, inspector: 9230, docs: true },
  { name: "auth", config: "wrangler.auth.toml", port: 8789, inspector: 9231, docs: false },
];
const named = process.argv.slice(2);
const unknown = named.filter((name) => !ALL.some((w) => w.name === name));
if (unknown.length > 0) {
  console.error(`dev: unknown worker ${unknown.join(", ")} (org, user, auth)`);
  process.exit(2);
}
const workers = named.length > 0 ? ALL.filter((w) => named.includes(w.name)) : ALL;

// Written to a file or a pipe, the log carries no terminal colour codes.
const plain = (text) => (process.stdout.isTTY ? text : stripVTControlCharacters(text));

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("dev: created .dev.vars from .dev.vars.example");
}

for (const { name, config } of workers) {
  console.log(`dev: applying ${name} migrations`);
  try {
    // Quiet unless it fails: its config warnings are the ones `wrangler dev` prints next.
    execFileSync(
      "wrangler",
      [
        "d1",
        "migrations",
        "apply",
        "DB",
        "--local",
        "--env",
        "dev",
        "--config",
        config,
        "--persist-to",
        STATE,
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "true" } },
    );
  } catch (err) {
    console.error(plain(`${err.stdout ?? ""}${err.stderr ?? ""}`));
    process.exit(1);
  }
}

const children = workers.map(({ name, config, port, inspector }) => {
  const child = spawn(
    "wrangler",
    [
      "dev",
      "--config",
      config,
      "--env",
      "dev",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      STATE,
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const prefix = `[${name}] `;
  // wrangler prints its binding table and config warnings again when it reloads: a line this
  // worker already printed is dropped, except request logs (which may rightly repeat).
  const printed = new Set();
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const raw of lines) {
        const line = plain(raw);
        if (!line.trim()) continue;
        const isRequest = line.includes("[wrangler:") || line.trimStart().startsWith("{");
        if (!isRequest && printed.has(line)) continue;
        printed.add(line);
        console.log(prefix + line);
      }
    });
  }
  child.on("exit", (code) => {
    console.log(`${prefix}exited (${code ?? "signal"}); stopping the others`);
    shutdown(code ?? 1);
  });
  return child;
});

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

async function waitForHealth(port, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const deadline = Date.now() + 90_000;
const ready = await Promise.all(workers.map((w) => waitForHealth(w.port, deadline)));
if (ready.every(Boolean)) {
  console.log(
    [
      "",
      "dev: ready",
      ...workers.map(
        (w) =>
          `  ${w.name.padEnd(5)} http://127.0.0.1:${w.port}` +
          (w.docs ? `  (API reference: http://127.0.0.1:${w.port}/docs)` : "  (Better Auth at /api/auth/*)"),
      ),
      ...(workers.some((w) => w.name === "org")
        ? [
            '  The org worker\'s wrangler warning that "ai" is not on "env.dev" is intended: dev runs',
            "  offline without Workers AI, and the context queue uses the labelled heuristic generator.",
          ]
        : []),
      "  Press Ctrl-C to stop. `bash scripts/dev.sh <org|user|auth>…` starts only the named workers.",
      "",
    ].join("\n"),
  );
} else {
  console.error("dev: a worker did not answer /health within 90 s");
  shutdown(1);
}
