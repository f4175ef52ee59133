// Turns the runs into the printed tables and the "latest run" section of BENCHMARKS.md.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, totalmem } from "node:os";
import { SESSION_FLOOR } from "./load.mjs";

const FILE = "BENCHMARKS.md";
const START = "<!-- bench:latest -->";
const END = "<!-- /bench:latest -->";
const BUNDLE_LIMIT_KIB = 200;
const STARTUP_LIMIT_MS = 25;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const refRps = (ref, run) => run.get(ref.name)?.rps;

/**
 * Per case: medians over the runs. Ratios are taken within each run (against that run's R0, R1,
 * floor and session floor, and for a variant the org worker's same case) before the median, so a
 * slow patch on a shared machine moves both sides of a ratio together.
 */
export function summarize(cases, runs) {
  const [r0, r1] = cases;
  return cases.map((c) => {
    const floor = cases.find((ref) => ref.name === c.floor);
    const sessionFloor = cases.find((ref) => ref.name === SESSION_FLOOR[c.floor]);
    const failed = runs.map((run) => run.get(c.name)).find((r) => !r || r.error);
    if (failed) return { ...c, error: failed?.error ?? "not run" };
    const of = (pick) => median(runs.map((run) => pick(run.get(c.name), run)));
    return {
      ...c,
      rps: of((r) => r.rps),
      p50: of((r) => r.p50),
      cpuUs: of((r) => r.cpuUs),
      vsR1: of((r, run) => r.rps / refRps(r1, run)),
      vsR0: of((r, run) => r.rps / refRps(r0, run)),
      vsFloor: floor ? of((r, run) => r.rps / refRps(floor, run)) : undefined,
      vsSessionFloor: sessionFloor ? of((r, run) => r.rps / refRps(sessionFloor, run)) : undefined,
      withOverWithout: c.variantOf ? of((r, run) => run.get(c.variantOf).rps / r.rps) : undefined,
    };
  });
}

const num = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : "—");

const short = (name) => name.split(" ")[0];
const ratioTo = (ratio, floor) => (ratio === undefined ? "—" : `${num(ratio, 2)} (${short(floor)})`);

/** The target is checked against the session floor (see SESSION_FLOOR); the plain floor is shown too. */
function loadRows(rows) {
  return rows.map((row) => {
    const sessionFloor = SESSION_FLOOR[row.floor];
    const target = row.target === undefined ? "—" : `≥ ${row.target} × ${short(sessionFloor)}`;
    if (row.error) return [row.name, "—", "—", "—", "—", "—", "—", "—", target, `ERROR: ${row.error}`];
    const verdict =
      row.target === undefined || !Number.isFinite(row.vsSessionFloor)
        ? "—"
        : row.vsSessionFloor >= row.target;
    return [
      row.name,
      num(row.rps, 0),
      num(row.p50, 0),
      num(row.cpuUs, 0),
      num(row.vsR1, 2),
      num(row.vsR0, 2),
      ratioTo(row.vsFloor, row.floor),
      ratioTo(row.vsSessionFloor, sessionFloor),
      target,
      verdict === "—" ? "—" : verdict ? "pass" : "FAIL",
    ];
  });
}

function bundleRows(builds) {
  return builds.map((b) => {
    const gzipKiB = b.gzipBytes / 1024;
    // The limits are the services' targets; the reference workers show what the runtime alone costs.
    const isService = b.config !== undefined;
    const ok = gzipKiB <= BUNDLE_LIMIT_KIB && b.startupMs <= STARTUP_LIMIT_MS;
    return [
      b.name,
      num(b.rawBytes / 1024, 1),
      num(gzipKiB, 1),
      num(b.startupMs, 1),
      isService ? (ok ? "pass" : "FAIL") : "—",
    ];
  });
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const LOAD_HEADER = [
  "case",
  "req/s",
  "p50 ms",
  "workerd CPU µs/req",
  "× R1",
  "× R0",
  "× floor",
  "× session floor",
  "target",
  "result",
];
const BUNDLE_HEADER = ["worker", "raw KiB", "gzip KiB", "startup CPU ms", "≤ 200 KiB gzip and ≤ 25 ms"];

/** A mechanism stays only if it buys at least this much on some list case. */
const KEEP_GAIN = 1.05;
/** A guard (the entitlement check) may cost at most 5 %: with ÷ without ≥ this. */
const GUARD_FLOOR = 0.95;
const AB_HEADER = [
  "mechanism",
  "case",
  "with req/s",
  "without req/s",
  "with ÷ without",
  "verdict (mechanism: keep ≥ 1.05 on a case; guard: pass ≥ 0.95)",
];

function abRows(rows) {
  const variants = rows.filter((row) => row.variantOf);
  const keeps = (mechanism) =>
    variants.some((v) => v.mechanism === mechanism && v.withOverWithout >= KEEP_GAIN);
  return variants.map((v) => {
    const base = rows.find((row) => row.name === v.variantOf);
    if (v.error || base.error)
      return [v.mechanism, v.variantOf, "—", "—", "—", `ERROR: ${v.error ?? base.error}`];
    return [
      v.mechanism,
      v.variantOf,
      num(base.rps, 0),
      num(v.rps, 0),
      num(v.withOverWithout, 2),
      v.guard ? (v.withOverWithout >= GUARD_FLOOR ? "pass" : "FAIL") : keeps(v.mechanism) ? "keep" : "remove",
    ];
  });
}

const tables = (builds, rows) =>
  [
    table(BUNDLE_HEADER, bundleRows(builds)),
    table(LOAD_HEADER, loadRows(rows.filter((row) => !row.variantOf))),
    table(AB_HEADER, abRows(rows)),
  ].join("\n\n");

export const printReport = (builds, rows) => console.log(`\n${tables(builds, rows)}\n`);

const require = createRequire(import.meta.url);
/** A dependency's version, resolved as `from` (by default this package) would import it. */
const version = (pkg, from = require) => from(`${pkg}/package.json`).version;

function machine(loadAverage) {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown";
  // workerd is miniflare's dependency (not on PATH after a clean install): the one Miniflare runs.
  const workerd = version("workerd", createRequire(require.resolve("miniflare")));
  return [
    `- CPU: ${availableParallelism()} cores (\`nproc\`), ${cpu}; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, wrangler ${version("wrangler")}, miniflare ${version("miniflare")}, workerd ${workerd}`,
    `- 1-minute load average when the run started: ${loadAverage.toFixed(2)}`,
  ].join("\n");
}

/** Replaces the generated section of BENCHMARKS.md, keeping the hand-written text around it. */
export function writeBenchmarks(builds, rows, { settings, loadAverage }) {
  const text = readFileSync(FILE, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < 0) throw new Error(`${FILE} lacks the ${START} … ${END} markers`);
  const section = [
    START,
    `Run at ${new Date().toISOString()}: ${settings}.`,
    "",
    machine(loadAverage),
    "",
    tables(builds, rows),
    END,
  ].join("\n");
  writeFileSync(FILE, text.slice(0, from) + section + text.slice(to + END.length));
}
