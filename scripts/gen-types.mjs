// Generates each worker's Env types with `wrangler types` (one file and interface per service, so
// two generated globals never meet in one TypeScript program). `--check` fails when a file is stale.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const services = [
  { config: "wrangler.org.toml", iface: "OrgEnv", out: "services/org/worker-configuration.d.ts" },
  { config: "wrangler.user.toml", iface: "UserEnv", out: "services/user/worker-configuration.d.ts" },
  { config: "wrangler.auth.toml", iface: "AuthEnv", out: "services/auth/worker-configuration.d.ts" },
];
const check = process.argv.includes("--check");
const scratch = check ? mkdtempSync(join(tmpdir(), "types-")) : undefined;
const stale = [];

for (const { config, iface, out } of services) {
  const target = scratch ? join(scratch, `${iface}.d.ts`) : out;
  execFileSync(
    "wrangler",
    ["types", "--config", config, "--env-interface", iface, "--strict-vars=false", target],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  // The header names the output path; compare what follows it.
  const body = (file) => readFileSync(file, "utf8").split("\n").slice(1).join("\n");
  if (scratch && body(target) !== body(out)) stale.push(out);
}
if (scratch) rmSync(scratch, { recursive: true, force: true });
if (stale.length > 0) {
  console.error(`Stale generated env types: ${stale.join(", ")}. Run \`pnpm types\` and commit the result.`);
  process.exit(1);
}
console.log(check ? "Env types are up to date." : "Env types written.");
