// Builds each worker from its production config (`wrangler deploy --dry-run`, the top level, as it
// would deploy), asks the built bundle for its /openapi.json in Node with the config's vars (no
// wrangler dev, no workerd), writes the documents to .build/openapi/ and lints both with Spectral
// against .spectral.yaml. Fails on a build that would not deploy or on any Spectral error.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { unstable_readConfig } from "wrangler";

const SERVICES = [
  { name: "org-service", config: "wrangler.org.toml", api: true },
  { name: "user-service", config: "wrangler.user.toml", api: true },
  { name: "auth-service", config: "wrangler.auth.toml", api: false },
];
// The dry run only bundles; required secrets must still be named, so placeholders stand in.
const PLACEHOLDER_SECRETS = ["INTERNAL_GATEWAY_KEY", "SERVICE_API_KEY", "BETTER_AUTH_SECRET"];
const env = { ...process.env };
for (const name of PLACEHOLDER_SECRETS) env[name] ??= "dry-run-placeholder";

const documents = [];
mkdirSync(".build/openapi", { recursive: true });
for (const { name, config, api } of SERVICES) {
  const outdir = `.build/prod/${name}`;
  rmSync(outdir, { recursive: true, force: true });
  console.log(`openapi-lint: wrangler deploy --dry-run --config ${config} (production)`);
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", outdir, "--config", config, "--env", ""], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  if (!api) continue;
  const { vars } = unstable_readConfig({ config, env: undefined });
  const worker = await import(pathToFileURL(resolve(outdir, "index.js")).href);
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
  // The worker logs one JSON line per request; this one is not worth showing.
  const log = console.log;
  console.log = () => {};
  const res = await worker.default.fetch(new Request("https://lint.invalid/openapi.json"), vars, ctx);
  console.log = log;
  if (res.status !== 200) throw new Error(`${name}: /openapi.json answered ${res.status}`);
  const file = `.build/openapi/${name}.json`;
  writeFileSync(file, `${JSON.stringify(await res.json(), null, 2)}\n`);
  documents.push(file);
}

try {
  execFileSync(
    "spectral",
    [
      "lint",
      "--ruleset",
      ".spectral.yaml",
      "--fail-severity",
      "error",
      "--display-only-failures",
      ...documents,
    ],
    { stdio: "inherit" },
  );
} catch {
  console.error("openapi-lint: Spectral found errors (above)");
  process.exit(1);
}
console.log(`openapi-lint: ${documents.join(", ")}: no Spectral errors`);
