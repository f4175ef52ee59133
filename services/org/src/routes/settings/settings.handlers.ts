import type { Context } from "hono";
import { batchWrite } from "../../core/batch";
import { findSettings, upsertSettingsStatement } from "../../core/settings.repository";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import { etagOf, requiredVersion, stale } from "../../lib/etag";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { groupColumns, toSettings } from "./settings.dto";
import type { GetAllRoute } from "./settings.routes";
import type { Settings, SettingsGroup } from "./settings.schemas";

async function load(c: Context<OrgAppEnv>) {
  const id = c.req.param("id") as string;
  const org = await organizationOf(c, id);
  const row = await findSettings(c.var.db, id);
  // A never-written settings row is version 0, so its ETag is valid for the first PUT too.
  c.header("ETag", etagOf(row?.version ?? 0));
  return { org, row, settings: toSettings(org, row) };
}

export const getAll: AppRouteHandler<GetAllRoute> = async (c) =>
  c.json({ data: (await load(c)).settings }, 200);

/**
 * One group's settings; the router answers them. A generic `c.json` answer returned from here has
 * a type too long for this file's declarations (TS7056).
 */
export const readGroup = async <G extends SettingsGroup>(c: Context<OrgAppEnv>, group: G) =>
  (await load(c)).settings[group] as Settings[G];

/** PUT (`replace`) or PATCH of one group; logoUrl is not writable here (the logo routes own it). */
export async function writeGroup<G extends SettingsGroup>(
  c: Context<OrgAppEnv>,
  group: G,
  body: Record<string, unknown>,
  replace: boolean,
): Promise<Settings[G]> {
  const expected = requiredVersion(c);
  const { org, row } = await load(c);
  if (expected !== undefined && expected !== (row?.version ?? 0)) throw stale(row?.version ?? 0);
  const db = c.var.db;
  const now = Date.now();
  const columns = groupColumns(group, body, replace);
  const entry = { organizationId: org.id, resourceType: "settings", resourceId: `${org.id}/${group}` };
  const [rows] = await batchWrite(
    writerOf(c),
    [
      {
        statement: upsertSettingsStatement(db, org.id, columns, now, expected),
        audit: { ...entry, action: `settings.${group}.update` },
      },
    ],
    now,
  );
  const saved = rows[0];
  if (!saved) throw stale();
  c.header("ETag", etagOf(saved.version));
  return toSettings(org, saved)[group] as Settings[G];
}
