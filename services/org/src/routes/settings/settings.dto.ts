import type { SettingsColumns } from "../../core/settings.repository";
import type { OrganizationRow, OrganizationSettingsRow } from "../../db/schema";
import type { Settings, SettingsGroup } from "./settings.schemas";

/** Unset columns read as the documented defaults; the platform name defaults to the org's current name. */
export function toSettings(org: OrganizationRow, row: OrganizationSettingsRow | null): Settings {
  return {
    branding: { logoUrl: row?.logoUrl ?? null, primaryColorHex: row?.primaryColorHex ?? "#000000" },
    contact: {
      platformName: row?.platformName ?? org.name,
      supportEmail: row?.supportEmail ?? null,
      contactUrl: row?.contactUrl ?? null,
      timezone: row?.timezone ?? "UTC",
    },
    features: { enableSignups: row?.enableSignups ?? true, enablePurchases: row?.enablePurchases ?? true },
  };
}

/**
 * A write body as columns. PUT (`replace`) writes every writable column of the group, omitted
 * ones as null (default); PATCH writes only the fields the body carries.
 */
export function groupColumns(
  group: SettingsGroup,
  body: Record<string, unknown>,
  replace: boolean,
): SettingsColumns {
  const columns = writableColumns(group, body);
  return replace ? columns : Object.fromEntries(Object.entries(columns).filter(([key]) => key in body));
}

function writableColumns(group: SettingsGroup, body: Record<string, unknown>): SettingsColumns {
  const pick = <K extends keyof SettingsColumns>(key: K) => (body[key] ?? null) as SettingsColumns[K];
  switch (group) {
    case "branding":
      return { primaryColorHex: pick("primaryColorHex") };
    case "contact":
      return {
        platformName: pick("platformName"),
        supportEmail: pick("supportEmail"),
        contactUrl: pick("contactUrl"),
        timezone: pick("timezone"),
      };
    case "features":
      return { enableSignups: pick("enableSignups"), enablePurchases: pick("enablePurchases") };
  }
}
