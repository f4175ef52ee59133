import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../context";
import { toHex } from "../crypto";
import { ApiError, notFound, unavailable } from "../errors";
import { errorsFor, type HeaderDoc, withPlatformHeaders } from "../openapi";
import { type ImageInfo, inspectImage, MAX_IMAGE_BYTES } from "./inspect";

export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** The only key prefixes `GET /assets/{key}` serves; everything else in the bucket stays private. */
export const PUBLIC_PREFIXES = ["logos", "avatars"] as const;
export type PublicPrefix = (typeof PUBLIC_PREFIXES)[number];

/** A stored image's key: `{prefix}/{owner}/{sha256}.{ext}`. */
const KEY = /(?:^|\/)((logos|avatars)\/[A-Za-z0-9_-]{1,64}\/[0-9a-f]{64}\.(?:png|jpg|webp))$/;

/** The parts of Hono's request `readImageField` needs (its form data is cached for the validator). */
interface FormRequest {
  header(name: string): string | undefined;
  formData(): Promise<FormData>;
}

/**
 * The image in a multipart field, read whole only after the app's body limit (6 MB) has capped
 * the request, then judged by `inspectImage`.
 */
export async function readImageField(request: FormRequest, field: string) {
  if (!request.header("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Send the image as multipart/form-data in field "${field}"`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (cause) {
    throw new ApiError("INVALID_INPUT", "Malformed multipart body", { cause });
  }
  const file = form.get(field);
  if (!(file instanceof File)) {
    throw new ApiError("INVALID_INPUT", `Field "${field}" must be a file`, {
      details: [{ path: `body.${field}`, message: "Required file" }],
    });
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `The image is larger than ${MAX_IMAGE_BYTES} bytes`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { bytes, info: inspectImage(bytes) };
}

/** Stores a checked image under its content hash: the same bytes always land on the same key. */
export async function putImage(
  bucket: R2Bucket,
  prefix: PublicPrefix,
  owner: string,
  image: { bytes: Uint8Array; info: ImageInfo },
) {
  const hash = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", image.bytes)));
  const key = `${prefix}/${owner}/${hash}.${image.info.ext}`;
  try {
    await bucket.put(key, image.bytes, {
      httpMetadata: { contentType: image.info.contentType, cacheControl: IMMUTABLE_CACHE },
    });
  } catch (cause) {
    throw unavailable("R2", cause);
  }
  return key;
}

/** The public URL of a stored key: under `ASSETS_BASE_URL` when set, else this worker's `/assets/`. */
export const assetUrl = (baseUrl: string | undefined, requestUrl: string, key: string) =>
  baseUrl ? `${baseUrl.replace(/\/+$/, "")}/${key}` : `${new URL(requestUrl).origin}/assets/${key}`;

/** The stored key a URL made by `assetUrl` points at, or null for any other URL. */
export const keyOfUrl = (url: string | null | undefined, prefix: PublicPrefix, owner: string) => {
  const key = url?.match(KEY)?.[1];
  return key?.startsWith(`${prefix}/${owner}/`) ? key : null;
};

const ASSET_HEADERS: Record<string, HeaderDoc> = {
  ETag: {
    description: "The stored object's ETag",
    required: true,
    schema: { type: "string", maxLength: 128 },
  },
  "Cache-Control": { description: "Immutable caching", schema: { type: "string", maxLength: 128 } },
};

/** `GET /assets/{key}`, documented under the serving service's own `operationId`. */
export const assetRoute = (operationId: string) =>
  createRoute({
    method: "get",
    path: "/assets/{key}",
    tags: ["Assets"],
    operationId,
    summary: "A stored logo or profile picture (public)",
    description:
      "Serves objects under `logos/` and `avatars/` only (anything else is 404), with the stored " +
      "Content-Type, immutable caching, an ETag (If-None-Match → 304), `X-Content-Type-Options: nosniff` " +
      "and `Content-Security-Policy: default-src 'none'`, so an image can never run as a page. Used when " +
      "`ASSETS_BASE_URL` is not set; in production an R2 custom domain serves the same keys.",
    security: [],
    request: {
      params: z.object({
        key: z
          .string()
          .max(512)
          .openapi({ param: { name: "key", in: "path" }, example: "logos/{orgId}/{sha256}.png" }),
      }),
    },
    responses: withPlatformHeaders(
      {
        200: {
          description: "The image bytes",
          headers: ASSET_HEADERS,
          content: {
            "image/*": { schema: z.string().openapi({ format: "binary", maxLength: MAX_IMAGE_BYTES }) },
          },
        },
        304: { description: "Not modified (If-None-Match matched the ETag)", headers: ASSET_HEADERS },
        ...errorsFor("NOT_FOUND", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"),
      },
      false,
    ),
  });

/** `GET /assets/{key}`: the key is the rest of the path, slashes included. */
export async function serveAsset<E extends AppEnv>(c: Context<E>, bucket: R2Bucket) {
  const key = decodeURIComponent(new URL(c.req.url).pathname.slice("/assets/".length));
  if (!KEY.test(key) || key.match(KEY)?.[1] !== key) throw notFound("Asset");
  const ifNoneMatch = c.req.header("if-none-match");
  let object: R2Object | null;
  try {
    // R2 reads the conditional header itself (quoted or weak ETags, lists of them).
    object = await bucket.get(
      key,
      ifNoneMatch ? { onlyIf: new Headers({ "if-none-match": ifNoneMatch }) } : {},
    );
  } catch (cause) {
    throw unavailable("R2", cause);
  }
  if (!object) throw notFound("Asset");
  const headers = new Headers({
    etag: object.httpEtag,
    "cache-control": object.httpMetadata?.cacheControl ?? IMMUTABLE_CACHE,
    "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'",
  });
  if (!("body" in object)) return new Response(null, { status: 304, headers });
  headers.set("content-length", String(object.size));
  return new Response((object as R2ObjectBody).body, { status: 200, headers });
}
