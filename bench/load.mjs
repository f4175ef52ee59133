// Bounded closed-loop load with autocannon, one case at a time, against each worker's own port.
import autocannon from "autocannon";

/** `BENCH_QUICK=1`: short cases, to check the harness end to end; its numbers are provisional. */
export const QUICK = process.env.BENCH_QUICK === "1";
/** Enough in-flight requests to keep workerd's thread busy while autocannon has the other core. */
export const CONNECTIONS = 32;
export const DURATION_S = QUICK ? 3 : 10;
export const WARMUP_S = QUICK ? 1 : 2;

const R1 = "R1 Hono + D1 pk read";
const R1L = "R1L R1 + rate limiter";
const R1P = "R1P Hono + D1 page of 25";
const R1S = "R1S R1 in a D1 session";
const R1LS = "R1LS R1L in a D1 session";
const R1PS = "R1PS R1P in a D1 session";
/**
 * Each floor's twin inside a D1 session. Every service request runs in one (read replication), and
 * local D1 answers each statement of a session with a storage bookmark, so the session twin is the
 * floor a case's target is checked against; the plain floor is reported beside it.
 */
export const SESSION_FLOOR = { [R1]: R1S, [R1L]: R1LS, [R1P]: R1PS };
const LIST_PAGE_1 = "list orgs page 1";

/**
 * The cases, in run order; the first seven are the references. `floor` names the reference that
 * does the same kind of work barely (R1: one primary-key read; R1L: R1 plus one RATE_LIMITER call,
 * as user principals make; R1P: a page of 25 rows and a count), and `target` is the minimum ratio
 * to it in the same run. `createsOrgs` marks the case whose rows are removed after it runs. Each
 * list case is followed by the same request to every org variant (`variantOf`), so an A/B's two
 * sides run back to back.
 */
const GUARDED_READ = "list API keys (entitlement guard)";

export function defineCases({ urls, secrets, token, org, searchTerm, variants }) {
  const gateway = { "x-internal-key": secrets.INTERNAL_GATEWAY_KEY };
  const service = { ...gateway, "x-service-api-key": secrets.SERVICE_API_KEY.split(",")[0] };
  const tenant = { ...service, "x-organization-id": org };
  const user = { ...gateway, authorization: `Bearer ${token}` };
  const orgs = (worker) => `${urls[worker]}/api/v1/organizations`;
  const tag = Date.now().toString(36);
  let created = 0;
  /** `ab: false` runs the case against the service only, not against each variant. */
  const list = (name, query, target, { ab = true } = {}) => {
    const base = { name, url: `${orgs("org-service")}?${query}`, headers: service, target, floor: R1P };
    const without = (ab ? variants : [])
      .filter((v) => !v.guard)
      .map((v) => ({
        name: `${name} without ${v.mechanism}`,
        url: `${orgs(v.name)}?${query}`,
        headers: service,
        variantOf: name,
        mechanism: v.mechanism,
      }));
    return [base, ...without];
  };
  return [
    { name: "R0 bare Hono JSON", url: `${urls["bench-r0"]}/` },
    { name: R1, url: `${urls["bench-r1"]}/organizations/${org}` },
    { name: R1L, url: `${urls["bench-r1"]}/limited/organizations/${org}` },
    { name: R1P, url: `${urls["bench-r1"]}/page` },
    { name: R1S, url: `${urls["bench-r1"]}/session/organizations/${org}` },
    { name: R1LS, url: `${urls["bench-r1"]}/session/limited/organizations/${org}` },
    { name: R1PS, url: `${urls["bench-r1"]}/session/page` },
    {
      name: "GET org (service key)",
      url: `${orgs("org-service")}/${org}`,
      headers: tenant,
      target: 0.9,
      floor: R1,
    },
    {
      name: "GET /users/me (JWT)",
      url: `${urls["user-service"]}/api/v1/users/me`,
      headers: user,
      target: 0.9,
      floor: R1L,
    },
    {
      name: "GET org (user JWT)",
      url: `${orgs("org-service")}/${org}`,
      headers: user,
      target: 0.9,
      floor: R1L,
    },
    ...list(LIST_PAGE_1, "limit=25", 0.9),
    ...list("list orgs page 4000", "limit=25&page=4000", 0.9),
    // A search in its default (match) order: a 1% word, a 99% word, two words (~0.1%), and the
    // 1% word sorted by name (1,000 matches: the most an explicit sort on a search may sort).
    ...list("search orgs by name", `limit=25&search=${searchTerm.narrow}`, 0.6),
    ...list("search broad word", `limit=25&search=${searchTerm.broad}`, 0.15, { ab: false }),
    ...list("search two words", `limit=25&search=${encodeURIComponent(searchTerm.twoWords)}`, 0.4, {
      ab: false,
    }),
    ...list("search sorted by name", `limit=25&search=${searchTerm.narrow}&sortBy=name&sortOrder=asc`, 0.1, {
      ab: false,
    }),
    // The entitlement guard's cost: the same guarded read (the org's API keys, feature apiKeys)
    // in a build whose guard is switched off; the handler loads the org row either way.
    {
      name: GUARDED_READ,
      url: `${orgs("org-service")}/${org}/api-keys?limit=25`,
      headers: tenant,
    },
    ...variants
      .filter((v) => v.guard)
      .map((v) => ({
        name: `${GUARDED_READ} without ${v.mechanism}`,
        url: `${orgs(v.name)}/${org}/api-keys?limit=25`,
        headers: tenant,
        variantOf: GUARDED_READ,
        mechanism: v.mechanism,
        guard: true,
      })),
    {
      name: "members via binding",
      url: `${orgs("org-service")}/${org}/members?limit=25`,
      headers: tenant,
      target: 0.5,
      floor: R1P,
    },
    {
      name: "create org (POST)",
      url: orgs("org-service"),
      method: "POST",
      headers: { ...service, "content-type": "application/json" },
      body: () => JSON.stringify({ name: `Bench ${tag} ${++created}` }),
      createsOrgs: true,
    },
  ];
}

/** One request before any load: a missing route or a refused credential is reported, not measured. */
export async function probe(c) {
  const res = await fetch(c.url, { method: c.method ?? "GET", headers: c.headers, body: c.body?.() });
  const text = await res.text();
  return res.ok ? null : `HTTP ${res.status}: ${text.slice(0, 200)}`;
}

/** What a case's request answers, as text. */
const bodyOf = async (c) => (await fetch(c.url, { headers: c.headers })).text();

/**
 * R1P and R1PS are the list's floors only while they answer exactly what the list route answers for
 * page 1; returns what differs, or null.
 */
export async function floorMismatch(cases) {
  const named = (name) => cases.find((c) => c.name === name);
  const real = await bodyOf(named(LIST_PAGE_1));
  for (const floor of [R1P, R1PS]) {
    if ((await bodyOf(named(floor))) !== real)
      return `${floor} answers a different body from ${LIST_PAGE_1}: × floor is not like for like`;
  }
  return null;
}

/** An A/B compares like with like only while each variant answers what the service answers. */
export async function variantMismatch(cases) {
  for (const variant of cases.filter((c) => c.variantOf)) {
    const service = cases.find((c) => c.name === variant.variantOf);
    if ((await bodyOf(service)) !== (await bodyOf(variant)))
      return `${variant.name} answers a different body from ${service.name}`;
  }
  return null;
}

const fire = (c, seconds) => {
  const { origin, pathname, search } = new URL(c.url);
  const request = {
    method: c.method ?? "GET",
    path: pathname + search,
    headers: c.headers ?? {},
    ...(c.body ? { setupRequest: (req) => ({ ...req, body: c.body() }) } : {}),
  };
  return autocannon({ url: origin, connections: CONNECTIONS, duration: seconds, requests: [request] });
};

const failures = (r) => r.non2xx + r.errors + r.timeouts;

/**
 * Runs one case after a warm-up; a non-2xx or socket error in either fails the case. `cpuMs` reads
 * the workerd process's CPU time, so the cost per request is known whatever the client's share.
 */
export async function measure(c, cpuMs) {
  const warm = await fire(c, WARMUP_S);
  const before = cpuMs();
  const result = await fire(c, DURATION_S);
  const cpu = cpuMs() - before;
  const bad = failures(warm) + failures(result);
  if (bad > 0) {
    const codes = Object.entries({ ...warm.statusCodeStats, ...result.statusCodeStats })
      .map(([code, { count }]) => `${code}×${count}`)
      .join(" ");
    return {
      error: `${bad} failed responses (${codes}; errors ${result.errors}, timeouts ${result.timeouts})`,
    };
  }
  const total = result.requests.total;
  return { rps: total / DURATION_S, p50: result.latency.p50, cpuUs: (cpu * 1000) / total };
}
