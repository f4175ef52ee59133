// Starts the org (8787), user (8788) and auth (8789) workers locally, offline, with local D1, R2
// and Queue state in .wrangler/state and every migration applied. Ctrl-C stops all three.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";

const STATE = ".wrangler/state";
const workers = [
  { name: "org", config: "wrangler.org.toml", port: 8787, inspector: 9229 },
  { name: "user", config: "wrangler.user.toml", port: 8788, inspector: 9230 },
  { name: "auth", config: "wrangler.auth.toml", port: 8789, inspector: 9231 },
];

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("dev: created .dev.vars from .dev.vars.example");
}

for (const { name, config } of workers) {
  console.log(`dev: applying ${name} migrations`);
  execFileSync(
    "wrangler",
    ["d1", "migrations", "apply", "DB", "--local", "--env", "dev", "--config", config, "--persist-to", STATE],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true" } },
  );
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
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) console.log(prefix + line);
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
        (w) => `  ${w.name.padEnd(5)} http://127.0.0.1:${w.port}  (docs: http://127.0.0.1:${w.port}/docs)`,
      ),
      "  Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
} else {
  console.error("dev: a worker did not answer /health within 90 s");
  shutdown(1);
}
