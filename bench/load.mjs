// Bounded closed-loop load with autocannon, one case at a time, against each worker's own port.
import autocannon from "autocannon";

/** Enough in-flight requests to keep workerd's thread busy while autocannon has the other core. */
export const CONNECTIONS = 32;
export const DURATION_S = 10;
export const WARMUP_S = 2;

const R1L = "R1L R1 + rate limiter";
const R1P = "R1P Hono + D1 page of 25";
const LIST_PAGE_1 = "list orgs page 1";

/**
 * The cases, in run order; the first four are the references. `target` is the minimum ratio to R1
 * (same run); `floor` names the reference that does the same kind of work barely (R1L: one
 * RATE_LIMITER call, as user principals make; R1P: a page of 25 rows and a count), which the case
 * is also shown against; `createsOrgs` marks the case whose rows are removed after it runs.
 */
export function defineCases({ urls, secrets, token, org, searchTerm }) {
  const gateway = { "x-internal-key": secrets.INTERNAL_GATEWAY_KEY };
  const service = { ...gateway, "x-service-api-key": secrets.SERVICE_API_KEY.split(",")[0] };
  const tenant = { ...service, "x-organization-id": org };
  const user = { ...gateway, authorization: `Bearer ${token}` };
  const orgs = `${urls["org-service"]}/api/v1/organizations`;
  const tag = Date.now().toString(36);
  let created = 0;
  return [
    { name: "R0 bare Hono JSON", url: `${urls["bench-r0"]}/` },
    { name: "R1 Hono + D1 pk read", url: `${urls["bench-r1"]}/organizations/${org}` },
    { name: R1L, url: `${urls["bench-r1"]}/limited/organizations/${org}` },
    { name: R1P, url: `${urls["bench-r1"]}/page` },
    { name: "GET org (service key)", url: `${orgs}/${org}`, headers: tenant, target: 0.9 },
    {
      name: "GET /users/me (JWT)",
      url: `${urls["user-service"]}/api/v1/users/me`,
      headers: user,
      target: 0.85,
      floor: R1L,
    },
    { name: "GET org (user JWT)", url: `${orgs}/${org}`, headers: user, target: 0.8, floor: R1L },
    { name: LIST_PAGE_1, url: `${orgs}?limit=25`, headers: service, target: 0.8, floor: R1P },
    {
      name: "list orgs page 4000",
      url: `${orgs}?limit=25&page=4000`,
      headers: service,
      target: 0.8,
      floor: R1P,
    },
    {
      name: "search orgs by name",
      url: `${orgs}?limit=25&search=${searchTerm}`,
      headers: service,
      target: 0.7,
      floor: R1P,
    },
    {
      name: "members via binding",
      url: `${orgs}/${org}/members?limit=25`,
      headers: tenant,
      target: 0.45,
      floor: R1P,
    },
    {
      name: "create org (POST)",
      url: orgs,
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

/**
 * R1P is the list's floor only while it answers exactly what the list route answers for page 1;
 * returns what differs, or null.
 */
export async function floorMismatch(cases) {
  const [floor, route] = [R1P, LIST_PAGE_1].map((name) => cases.find((c) => c.name === name));
  const [bare, real] = await Promise.all(
    [floor, route].map(async (c) => (await fetch(c.url, { headers: c.headers })).text()),
  );
  return bare === real
    ? null
    : `${R1P} answers a different body from ${LIST_PAGE_1}: × floor is not like for like`;
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
