import { ApiError, notFound, safeEqual, sha256Hex } from "@svc/platform";
import { toApiKey } from "../../core/api-keys.dto";
import { prefixOf } from "../../core/api-keys.keys";
import { apiKeyWrite } from "../../core/api-keys.writes";
import { batchWrite } from "../../core/batch";
import { findOrganization } from "../../core/organizations.repository";
import { entitlementsOf, featureNotAvailable, graceDaysOf } from "../../core/plans";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import type { AppRouteHandler } from "../../lib/types";
import {
  activeKeysPage,
  findApiKeyByPrefix,
  revokeApiKeyStatement,
  touchApiKey,
} from "./api-keys.repository";
import type { CreateRoute, ListRoute, RevokeRoute, VerifyRoute } from "./api-keys.routes";

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const org = await organizationOf(c, id);
  const writer = writerOf(c);
  const { actor } = writer;
  const now = Date.now();
  // The guard counted the keys; the insert re-checks the limit, so concurrent creates cannot pass it.
  const { plan, apiKeys: limit } = entitlementsOf(org, now, graceDaysOf(c.env));
  const { key, write } = await apiKeyWrite(
    writer,
    id,
    c.req.valid("json"),
    actor.type === "user" ? actor.id : null,
    now,
    limit,
  );
  const [rows] = await batchWrite(writer, [write], now);
  const created = rows[0];
  if (!created) throw featureNotAvailable("apiKeys", plan, limit ?? 0);
  return c.json({ data: { ...toApiKey(created), key } }, 201);
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { id } = c.req.valid("param");
  await organizationOf(c, id);
  return c.json(await activeKeysPage(c.var.db, id, c.req.valid("query"), toApiKey), 200);
};

export const revoke: AppRouteHandler<RevokeRoute> = async (c) => {
  const { id, keyId } = c.req.valid("param");
  const db = c.var.db;
  const now = Date.now();
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: revokeApiKeyStatement(db, id, keyId, now),
        audit: { organizationId: id, action: "api_key.revoke", resourceType: "api_key", resourceId: keyId },
      },
    ],
    now,
  );
  if (rows.length === 0) throw notFound("API key");
  return c.body(null, 204);
};

const invalidKey = () => new ApiError("UNAUTHORIZED", "Invalid API key");

/** Unknown prefix, wrong secret, revoked key and deleted org all answer the same 401. */
export const verify: AppRouteHandler<VerifyRoute> = async (c) => {
  const { key } = c.req.valid("json");
  const prefix = prefixOf(key);
  if (!prefix) throw invalidKey();
  const db = c.var.db;
  const row = await findApiKeyByPrefix(db, prefix);
  if (!row || !safeEqual(await sha256Hex(key), row.hash) || row.revokedAt !== null) throw invalidKey();
  if (!(await findOrganization(db, row.organizationId))) throw invalidKey();
  c.executionCtx.waitUntil(touchApiKey(db, row.id, Date.now()).then(() => undefined));
  return c.json(
    {
      data: { organizationId: row.organizationId, scopes: JSON.parse(row.scopes) as string[], keyId: row.id },
    },
    200,
  );
};
