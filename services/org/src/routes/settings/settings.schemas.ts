import { z } from "@hono/zod-openapi";

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
    platformName: z.string().trim().min(1).max(255),
    supportEmail: z.email().max(320).nullable(),
    contactUrl: HttpUrl.nullable(),
    timezone: z.string().max(64).refine(isTimeZone, "an IANA time zone such as Europe/Berlin"),
  })
  .openapi("ContactSettings");

export const FeaturesSchema = z
  .object({ enableSignups: z.boolean(), enablePurchases: z.boolean() })
  .openapi("FeatureSettings");

/** PUT replaces a group: an omitted field goes back to its default. */
export const PutBrandingSchema = BrandingSchema.partial().strict().openapi("PutBrandingSettings");
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
