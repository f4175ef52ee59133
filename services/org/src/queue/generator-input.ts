import type { OrganizationRow, OrganizationSettingsRow } from "../db/schema";
import type { Product } from "./catalog";

/** Everything a generator may use, and nothing else. */
export interface GeneratorInput {
  organization: Pick<OrganizationRow, "name" | "description" | "websiteUrl" | "kind">;
  settings: Pick<OrganizationSettingsRow, "platformName" | "contactUrl"> | null;
  catalog: Product[];
}
