import { z } from "@hono/zod-openapi";

// C0 controls, DEL and C1 controls: terminal escapes (ESC [ …), NUL and line breaks that forge log
// lines or hide text in an admin UI. None is allowed, in names or in free text.
const CONTROL = /\p{Cc}/u; // general category Cc: U+0000–U+001F, U+007F–U+009F
// Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069) reorder what a reader sees
// ("exe.gpj" shown as "jpg.exe"). Right-to-left text renders correctly without them (the Unicode
// bidi algorithm and the LRM/RLM marks, which stay allowed), so free text refuses them too.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

const safe = (schema: z.ZodString) =>
  schema
    .refine((value) => !CONTROL.test(value), "must not contain control characters")
    .refine(
      (value) => !BIDI_CONTROL.test(value),
      "must not contain bidirectional override or isolate characters",
    );

/** A name (org, person, API key, platform name): NFC, trimmed, 1..max, no control or bidi characters. */
export const NameText = (max: number) => safe(z.string().normalize("NFC").trim().min(1).max(max));

/** Free text (a description): NFC, up to max, no control or bidi override characters. */
export const FreeText = (max: number) => safe(z.string().normalize("NFC").max(max));

/** A name that may be empty (the auth service's sync sends "" for a user without one). */
export const OptionalNameText = (max: number) => safe(z.string().normalize("NFC").trim().max(max));
