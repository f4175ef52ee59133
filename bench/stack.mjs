// The system under load: one in-process Miniflare (no wrangler proxy, no request tracing) running
// both services and the reference workers, each on its own loopback port, plus a JWKS server.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

/** Bench-only secrets; passing an env file also stops wrangler from reading .dev.vars. */
const ENV_FILE = "bench/bench.env";
/**
 * Every request of a case shares one principal, so the production 100/min limit would refuse the
 * run within a second. The binding is still called on every request, so its cost is measured.
 */
const BENCH_LIMIT = { limit: 1_000_000_000, period: 60 };
const MAX_PRINTED_ERRORS = 5;

export const workerOptions = (config) =>
  unstable_getMiniflareWorkerOptions(config, "dev", { envFiles: [ENV_FILE] }).workerOptions;

/** Serves an Ed25519 JWKS in Better Auth's format and signs tokens for it. */
export async function startJwks() {
  const kid = "bench-key";
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), alg: "EdDSA", kid }] });
  const server = createServer((req, res) => {
    const found = req.url === "/api/auth/jwks";
    res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
    res.end(found ? jwks : "{}");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    sign: (sub) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "EdDSA", kid })
        .setSubject(sub)
        .setIssuedAt()
        .setIssuer(url)
        .setAudience(url)
        .setExpirationTime("1h")
        .sign(privateKey),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

const directSocket = [{ host: "127.0.0.1", port: 0 }];

const benchLimits = (ratelimits) =>
  Object.fromEntries(
    Object.entries(ratelimits).map(([binding, rule]) => [binding, { ...rule, simple: BENCH_LIMIT }]),
  );

export const compatibilityOf = (w) => ({
  compatibilityDate: w.compatibilityDate,
  compatibilityFlags: w.compatibilityFlags,
});

/**
 * The isolate a service runs in, as Miniflare options: its compatibility settings and its own
 * bindings (vars and secrets, D1, R2, rate limits); queues as producers only, since a consumer
 * would run queue jobs in the same isolate during a measurement. Not its service bindings: those
 * name the other worker.
 */
export const isolateOptions = (w) => ({
  ...compatibilityOf(w),
  bindings: w.bindings,
  d1Databases: w.d1Databases,
  r2Buckets: w.r2Buckets,
  queueProducers: w.queueProducers,
  ratelimits: w.ratelimits,
});

function serviceWorker({ name, options, isolate, script }, authUrl) {
  return {
    name,
    modules: true,
    scriptPath: script,
    ...isolate,
    bindings: { ...isolate.bindings, AUTH_SERVICE_URL: authUrl, JWT_ISSUER: authUrl, JWT_AUDIENCE: authUrl },
    ratelimits: benchLimits(isolate.ratelimits),
    serviceBindings: options.serviceBindings,
    unsafeDirectSockets: directSocket,
  };
}

/** Reads the CPU time (user + system, ms) of the workerd process Miniflare started (Linux /proc). */
function workerdCpuReader() {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8")
    .trim()
    .split(/\s+/);
  const pid = children.find((p) => readFileSync(`/proc/${p}/comm`, "utf8").trim() === "workerd");
  if (!pid) throw new Error("cannot find the workerd process under this one");
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  return () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  };
}

/** Starts every worker; returns the instance, each worker's own loopback URL and a CPU reader. */
export async function startWorkers({ services, references, authUrl, orgDb }) {
  let printed = 0;
  const options = {
    host: "127.0.0.1",
    port: 0,
    // wrangler turns X_LOCAL_OBSERVABILITY into this flag; the Miniflare API takes it directly.
    unsafeObservability: false,
    logRequests: false,
    // The services log one line per request; only errors are shown, and only the first few.
    handleStructuredLogs: ({ level, message }) => {
      if (level === "error" && printed++ < MAX_PRINTED_ERRORS) console.error(`  worker error: ${message}`);
    },
    workers: [
      ...services.map((s) => serviceWorker(s, authUrl)),
      ...references.map((r) => ({
        name: r.name,
        modules: true,
        scriptPath: r.script,
        ...r.isolate,
        d1Databases: r.usesOrgDb ? orgDb : {},
        // R1L calls the org service's RATE_LIMITER rule, as its user-principal requests do.
        ratelimits: r.usesLimiter ? benchLimits(services[0].options.ratelimits) : {},
        unsafeDirectSockets: directSocket,
      })),
    ],
  };
  const mf = new Miniflare(convertV4MiniflareOptions(options));
  try {
    await mf.ready;
    const names = [...services, ...references].map((w) => w.name);
    const urls = Object.fromEntries(
      await Promise.all(names.map(async (name) => [name, (await mf.unsafeGetDirectURL(name)).origin])),
    );
    return { mf, urls, cpuMs: workerdCpuReader() };
  } catch (err) {
    await mf.dispose();
    throw err;
  }
}
