import { ApiError } from "@svc/platform";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Slugs that would collide with routes, product pages or support addresses. */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "auth",
  "billing",
  "check-slug",
  "dashboard",
  "docs",
  "help",
  "join",
  "login",
  "logout",
  "me",
  "new",
  "onboard",
  "org-builders",
  "organizations",
  "root",
  "settings",
  "signup",
  "slug",
  "support",
  "system",
  "www",
]);

export type SlugProblem = "format" | "reserved";

export function slugProblem(slug: string): SlugProblem | null {
  if (slug.length < 1 || slug.length > 63 || !SLUG_PATTERN.test(slug)) return "format";
  if (RESERVED_SLUGS.has(slug)) return "reserved";
  return null;
}

/** The 400 every write of a badly formed or reserved slug answers. */
export function assertSlugAllowed(slug: string) {
  const problem = slugProblem(slug);
  if (problem) {
    throw new ApiError("INVALID_INPUT", `Slug is not allowed (${problem})`, {
      details: [{ path: "body.slug", message: problem }],
    });
  }
}

/** "Ünïcode & Co." → "unicode-co"; falls back to "org" when nothing usable remains. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56)
    .replace(/-+$/g, "");
  return base.length > 0 && !RESERVED_SLUGS.has(base) ? base : "org";
}

/** A derived slug that was taken gets a short random suffix; still within 63 characters. */
export const withSuffix = (base: string) =>
  `${base}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).padStart(6, "0").slice(0, 6)}`;
