import {
  ApiError,
  type ErrorDetail,
  notFound,
  randomToken,
  unavailable,
  uniqueViolation,
} from "@svc/platform";
import { batchWrite } from "../../core/batch";
import { lookupTxt, ResolverError } from "../../core/dns";
import { checkToken, recordNameOf, toDomain } from "../../core/domains.dto";
import { normalizeDomain, REJECTION_MESSAGES } from "../../core/domains.normalize";
import {
  autoJoinOrganization,
  findDomain,
  markFailedStatement,
  markVerifiedStatement,
  verifiedOwner,
} from "../../core/domains.repository";
import { toOrganization } from "../../core/organizations.dto";
import { entitlementsOf, graceDaysOf } from "../../core/plans";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import { enforceWindow } from "../../lib/rate-window";
import type { AppRouteHandler } from "../../lib/types";
import {
  countJoinStatement,
  deleteDomainStatement,
  insertDomainStatement,
  listDomains,
  setAutoJoinStatement,
  verifiedElsewhere,
} from "./domains.repository";
import type {
  ByDomainRoute,
  ListRoute,
  RecordJoinRoute,
  ReplaceRoute,
  UpdateRoute,
  VerifyRoute,
} from "./domains.routes";

/** Attempts are counted per organization and domain: one organization cannot use up another's. */
const VERIFY_LIMIT = { limit: 10, windowMs: 60 * 60_000 };
const TOKEN_BYTES = 32;

const takenElsewhere = (domains: string[]) =>
  new ApiError("CONFLICT", "Another organization has verified this domain", {
    details: domains.map((domain) => ({ path: domain, message: "verified by another organization" })),
  });

const noLongerAutoJoins = () => new ApiError("CONFLICT", "This domain no longer auto-joins new users");

function normalizeAll(raw: string[], path: string): string[] {
  const details: ErrorDetail[] = [];
  const domains = raw.map((value, i) => {
    const result = normalizeDomain(value);
    if ("domain" in result) return result.domain;
    details.push({
      path: `${path}.${i}`,
      code: result.rejected,
      message: `${value} ${REJECTION_MESSAGES[result.rejected]}`,
    });
    return "";
  });
  if (details.length > 0) throw new ApiError("INVALID_INPUT", "Some domains cannot be claimed", { details });
  return domains;
}

const normalizeParam = (raw: string) => normalizeAll([raw], "path.domain")[0]!;

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json({ data: (await listDomains(c.var.db, id)).map(toDomain) }, 200);
};

export const replace: AppRouteHandler<ReplaceRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db;
  const wanted = [...new Set(normalizeAll(c.req.valid("json").domains, "body.domains"))];
  const current = await listDomains(db, id);
  const held = new Set(current.map((row) => row.domain));
  const added = wanted.filter((domain) => !held.has(domain));
  const removed = current.filter((row) => !wanted.includes(row.domain));
  const taken = await verifiedElsewhere(db, id, added);
  if (taken.length > 0) throw takenElsewhere(taken);
  const now = Date.now();
  const audit = (action: string, domain: string) => ({
    organizationId: id,
    action,
    resourceType: "organization_domain",
    resourceId: domain,
  });
  const writes = [
    ...removed.map((row) => ({
      statement: deleteDomainStatement(db, id, row.domain),
      audit: audit("domain.remove", row.domain),
    })),
    ...added.map((domain) => ({
      statement: insertDomainStatement(
        db,
        { organizationId: id, domain, verificationToken: randomToken(TOKEN_BYTES) },
        now,
      ),
      audit: audit("domain.add", domain),
    })),
  ];
  if (writes.length > 0) await batchWrite(writerOf(c), writes, now);
  return c.json({ data: (await listDomains(db, id)).map(toDomain) }, 200);
};

export const verify: AppRouteHandler<VerifyRoute> = async (c) => {
  const { id, domain: raw } = c.req.valid("param");
  const db = c.var.db;
  const domain = normalizeParam(raw);
  const row = await findDomain(db, id, domain);
  if (!row) throw notFound("Domain");
  if (row.state === "verified") return c.json({ data: toDomain(row) }, 200);
  await enforceWindow(db, "domainVerify", `${id}:${domain}`, VERIFY_LIMIT);
  if (await verifiedOwner(db, domain)) throw takenElsewhere([domain]);
  const lookup = await lookupTxt(c.env, recordNameOf(domain)).catch((err: unknown) => {
    throw err instanceof ResolverError ? unavailable("DNS resolver", err) : err;
  });
  const check = checkToken(lookup, row.verificationToken);
  const now = Date.now();
  const entry = { organizationId: id, resourceType: "organization_domain", resourceId: domain };
  const write = check.ok
    ? { statement: markVerifiedStatement(db, id, domain, now), audit: { ...entry, action: "domain.verify" } }
    : {
        statement: markFailedStatement(db, id, domain, check.reason, now),
        audit: { ...entry, action: "domain.verify_failed", metadata: { reason: check.reason } },
      };
  try {
    const [rows] = await batchWrite(writerOf(c), [write], now);
    if (rows[0]) return c.json({ data: toDomain(rows[0]) }, 200);
  } catch (err) {
    // The partial unique index on verified domains: another organization verified it meanwhile.
    if (uniqueViolation(err)) throw takenElsewhere([domain]);
    throw err;
  }
  // Changed meanwhile (removed, or verified by a concurrent call of this organization): report it as it is.
  const latest = await findDomain(db, id, domain);
  if (!latest) throw notFound("Domain");
  return c.json({ data: toDomain(latest) }, 200);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const { id, domain: raw } = c.req.valid("param");
  const db = c.var.db;
  const domain = normalizeParam(raw);
  const { autoJoin } = c.req.valid("json");
  const now = Date.now();
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: setAutoJoinStatement(db, id, domain, autoJoin, now),
        audit: {
          organizationId: id,
          action: "domain.update",
          resourceType: "organization_domain",
          resourceId: domain,
          metadata: { autoJoin },
        },
      },
    ],
    now,
  );
  if (rows[0]) return c.json({ data: toDomain(rows[0]) }, 200);
  if (!(await findDomain(db, id, domain))) throw notFound("Domain");
  throw new ApiError("CONFLICT", "Only a verified domain can turn auto-join on");
};

/**
 * A well-formed domain nobody can claim (free mail, a public suffix) simply has no organization;
 * neither has one whose organization's plan no longer includes verified domains. The seat limit is
 * the plan's (the organization's `seats` on business and enterprise).
 */
export const byDomain: AppRouteHandler<ByDomainRoute> = async (c) => {
  const raw = c.req.valid("param").domain;
  const result = normalizeDomain(raw);
  if ("rejected" in result && result.rejected === "invalid") normalizeParam(raw);
  const org = "domain" in result ? await autoJoinOrganization(c.var.db, result.domain) : null;
  const entitlements = org && entitlementsOf(org, Date.now(), graceDaysOf(c.env));
  if (!org || !entitlements?.domains) throw notFound("Organization auto-joining this domain");
  const domain = normalizeParam(raw);
  return c.json({ data: { organization: toOrganization(org), domain, seatLimit: entitlements.seats } }, 200);
};

export const recordJoin: AppRouteHandler<RecordJoinRoute> = async (c) => {
  const { id, domain: raw } = c.req.valid("param");
  const { userId } = c.req.valid("json");
  const db = c.var.db;
  const domain = normalizeParam(raw);
  // The liveness check already loaded the organization (404 once it is deleted).
  const org = await organizationOf(c, id);
  if (!entitlementsOf(org, Date.now(), graceDaysOf(c.env)).domains) throw noLongerAutoJoins();
  const [rows] = await batchWrite(writerOf(c), [
    {
      statement: countJoinStatement(db, id, domain),
      audit: {
        organizationId: id,
        action: "member.auto_join",
        resourceType: "user",
        resourceId: userId,
        metadata: { domain },
      },
    },
  ]);
  if (rows.length === 0) throw noLongerAutoJoins();
  return c.body(null, 204);
};
