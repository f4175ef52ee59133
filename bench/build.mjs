// Builds every worker as it would deploy (minified) and measures bundle size and startup CPU.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { basename } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const exec = promisify(execFile);
const OUT = ".build/bench";
const STARTUP_RUNS = 5;

async function wrangler(args) {
  try {
    await exec("wrangler", args, { maxBuffer: 64 << 20 });
  } catch (err) {
    throw new Error(`wrangler ${args.join(" ")} failed:\n${err.stderr || err.stdout || err.message}`);
  }
}

/** A service, built from its wrangler config (dev environment), plus the upload bundle for profiling. */
export async function buildService({ name, config }) {
  const dir = `${OUT}/${name}`;
  await rm(dir, { recursive: true, force: true });
  const bundle = `${dir}.bundle`;
  await wrangler([
    ...["deploy", "--dry-run", "--minify", "--outdir", dir, "--outfile", bundle],
    ...["--config", config, "--env", "dev"],
  ]);
  return { name, config, script: `${dir}/index.js`, bundle, ...(await sizeOf(`${dir}/index.js`)) };
}

/** A reference worker, bundled the same way, with the services' compatibility settings. */
export async function buildReference({ name, entry }, { compatibilityDate, compatibilityFlags }) {
  const dir = `${OUT}/${name}`;
  await rm(dir, { recursive: true, force: true });
  const flags = compatibilityFlags.flatMap((flag) => ["--compatibility-flags", flag]);
  await wrangler([
    "deploy",
    "--dry-run",
    "--minify",
    "--outdir",
    dir,
    entry,
    "--name",
    name,
    "--compatibility-date",
    compatibilityDate,
    ...flags,
  ]);
  const script = `${dir}/${basename(entry)}`;
  return { name, script, ...(await sizeOf(script)) };
}

async function sizeOf(path) {
  const code = await readFile(path);
  return { rawBytes: code.length, gzipBytes: gzipSync(code).length };
}

/**
 * Startup CPU from `wrangler check startup`'s .cpuprofile, counted as wrangler's own summary does:
 * each sample owns the time delta that precedes it, and every sample except "(idle)" is CPU work
 * (script evaluation, compilation, "(program)" and "(garbage collector)" included).
 */
export function startupCpuMs(profile) {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let micros = 0;
  profile.samples.forEach((id, i) => {
    if (names.get(id) !== "(idle)") micros += profile.timeDeltas[i] ?? 0;
  });
  return micros / 1000;
}

/**
 * Median of five profiles. `wrangler check startup` samples coarsely (3–6 samples per profile
 * here), so one profile can miss the evaluation almost entirely or, on a busy machine, charge it
 * a long wall-time delta; the median of five discards both.
 */
export async function measureStartup({ name, config, bundle }) {
  const samples = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const outfile = `${OUT}/${name}.${i}.cpuprofile`;
    await wrangler([
      "check",
      "startup",
      "--config",
      config,
      "--env",
      "dev",
      "--worker",
      bundle,
      "--outfile",
      outfile,
    ]);
    samples.push(startupCpuMs(JSON.parse(await readFile(outfile, "utf8"))));
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}
