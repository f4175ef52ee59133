// Builds every worker as it would deploy (minified) and measures bundle size and startup CPU.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { basename } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const exec = promisify(execFile);
const OUT = ".build/bench";
const STARTUP_RUNS = 7;
const SAMPLING_INTERVAL_US = 100;
const PROFILER = "startup-profiler";

async function wrangler(args) {
  try {
    await exec("wrangler", args, { maxBuffer: 64 << 20 });
  } catch (err) {
    throw new Error(`wrangler ${args.join(" ")} failed:\n${err.stderr || err.stdout || err.message}`);
  }
}

/**
 * A service, built from its wrangler config (dev environment); `switches` are build-time `define`s
 * set true, which build a variant of it without the mechanism each one guards.
 */
export async function buildService({ name, config, switches = [] }) {
  const defines = switches.flatMap((flag) => ["--define", `${flag}:true`]);
  const script = await dryRunBuild(name, "index.js", ["--config", config, "--env", "dev", ...defines]);
  return { name, config, script, ...(await sizeOf(script)) };
}

/** A reference worker, bundled the same way, with the services' compatibility settings. */
export async function buildReference({ name, entry }, { compatibilityDate, compatibilityFlags }) {
  const flags = compatibilityFlags.flatMap((flag) => ["--compatibility-flags", flag]);
  const args = [entry, "--name", name, "--compatibility-date", compatibilityDate, ...flags];
  const script = await dryRunBuild(name, basename(entry), args);
  return { name, script, ...(await sizeOf(script)) };
}

/** `wrangler deploy --dry-run --minify` into a fresh folder of its own; returns the bundle's path. */
async function dryRunBuild(name, bundle, args) {
  const dir = `${OUT}/${name}`;
  await rm(dir, { recursive: true, force: true });
  await wrangler(["deploy", "--dry-run", "--minify", "--outdir", dir, ...args]);
  return `${dir}/${bundle}`;
}

async function sizeOf(path) {
  const code = await readFile(path);
  return { rawBytes: code.length, gzipBytes: gzipSync(code).length };
}

/**
 * Startup CPU as `wrangler check startup` measures it, from a CPU profile counted the way its
 * summary counts one: each sample owns the time delta that precedes it, and every sample except
 * "(idle)" is CPU work (script evaluation, compilation, "(program)" and "(garbage collector)").
 */
function startupCpuMs(profile) {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let micros = 0;
  profile.samples.forEach((id, i) => {
    if (names.get(id) !== "(idle)") micros += profile.timeDeltas[i] ?? 0;
  });
  return micros / 1000;
}

/**
 * Profiles one import of the bundle, as `wrangler check startup` does: a separate entry module
 * imports the bundle on its first request while the inspector's CPU profiler runs. Unlike wrangler
 * (V8's default 1 ms interval), it samples every 100 µs: at 1 ms a profile holds 3–6 samples, and
 * the first one after a stretch in which nothing was sampled owns that whole stretch, so wrangler
 * read 0–20 ms (median 16) for R0, whose module does nothing at startup (see BENCHMARKS.md).
 */
async function profileStartup({ script, isolate }) {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      inspectorPort: 0,
      handleStructuredLogs: () => {},
      workers: [
        {
          name: PROFILER,
          ...isolate,
          modulesRoot: "/",
          modules: [
            {
              type: "ESModule",
              path: "/startup-profiler-entry.mjs",
              contents: `export default { async fetch() { await import("/${basename(script)}"); return new Response("ok"); } };`,
            },
            { type: "ESModule", path: `/${basename(script)}`, contents: await readFile(script, "utf8") },
          ],
        },
      ],
    }),
  );
  try {
    const inspector = await connect(new URL(`/core:user:${PROFILER}`, (await mf.getInspectorURL()).href));
    try {
      await inspector.send("Profiler.enable");
      await inspector.send("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
      await inspector.send("Profiler.start");
      const response = await mf.dispatchFetch("http://startup.profile/");
      if (!response.ok) throw new Error(`importing ${script} failed: ${await response.text()}`);
      return (await inspector.send("Profiler.stop")).profile;
    } finally {
      inspector.close();
    }
  } finally {
    await mf.dispose();
  }
}

/** A DevTools protocol session over the inspector's WebSocket (Node 22's global WebSocket). */
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)), {
      once: true,
    });
  });
  const pending = new Map();
  let nextId = 0;
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`));
    else waiter.resolve(message.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Median startup CPU (ms) over several profiles; one profile can still catch a stray gap. */
export async function measureStartup(worker) {
  const samples = [];
  for (let i = 0; i < STARTUP_RUNS; i++) samples.push(startupCpuMs(await profileStartup(worker)));
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}
