import { z } from "@hono/zod-openapi";
import { NameText } from "@svc/contracts";

const HttpUrl = z.url({ protocol: /^https?$/ }).max(2048);

const isTimeZone = (tz: string) => {
  // Offsets such as "+01:00" are accepted by Intl but are not IANA zone names.
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The zone's canonical IANA name as the runtime's time zone database spells it ("utc" → "UTC"). */
const canonicalTimeZone = (tz: string) => {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return tz; // not a zone: the refinement above has already reported it
  }
};

export const BrandingSchema = z
  .object({
    logoUrl: HttpUrl.nullable(),
    primaryColorHex: z
      .string()
      .max(7)
      .regex(/^#[0-9A-Fa-f]{6}$/, "#RRGGBB"),
  })
  .openapi("BrandingSettings");

export const ContactSchema = z
  .object({
    platformName: NameText(255),
    supportEmail: z.email().max(320).nullable(),
    contactUrl: HttpUrl.nullable(),
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, "an IANA time zone such as Europe/Berlin")
      .overwrite(canonicalTimeZone),
  })
  .openapi("ContactSettings");

export const FeaturesSchema = z
  .object({ enableSignups: z.boolean(), enablePurchases: z.boolean() })
  .openapi("FeatureSettings");

/**
 * The writable fields of each group. PUT replaces them (an omitted field goes back to its
 * default); PATCH changes only the fields it carries (a nullable one sent as null is cleared). Branding's
 * logoUrl is not among them: only the logo upload routes set it.
 */
export const PutBrandingSchema = BrandingSchema.omit({ logoUrl: true })
  .partial()
  .strict()
  .openapi("PutBrandingSettings");
export const PutContactSchema = ContactSchema.partial().strict().openapi("PutContactSettings");
export const PutFeaturesSchema = FeaturesSchema.partial().strict().openapi("PutFeatureSettings");

export const SettingsSchema = z
  .object({ branding: BrandingSchema, contact: ContactSchema, features: FeaturesSchema })
  .openapi("OrganizationSettings");

export type Branding = z.infer<typeof BrandingSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Features = z.infer<typeof FeaturesSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsGroup = keyof Settings;
