import {
  ApiError,
  assetUrl,
  IMAGE_CONTENT_TYPES,
  inspectImage,
  MAX_IMAGE_BYTES,
  notFound,
  putImage,
  readImageField,
  unavailable,
  uuidv7,
} from "@svc/platform";
import type { Context } from "hono";
import { setLogo } from "../../core/logo.writes";
import { writerOf } from "../../lib/actor";
import { organizationOf } from "../../lib/entitlements";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { presignPut, r2S3Target, signUploadToken } from "../../lib/upload-url";
import type { UploadsEnv } from "../../lib/uploads-env";
import { claimFinalize, findTicket, insertTicket, releaseFinalize } from "./logo.repository";
import type { FinalizeRoute, TicketRoute, UploadRoute } from "./logo.routes";

/** How long an upload URL stays usable; the sweep removes what is left in tmp/ after an hour. */
export const TICKET_SECONDS = 600;

async function liveOrganization(c: Context<OrgAppEnv>) {
  const id = c.req.param("id") as string;
  return organizationOf(c, id);
}

async function publish(c: Context<OrgAppEnv>, organizationId: string, image: Parameters<typeof putImage>[3]) {
  const key = await putImage(c.env.R2_BUCKET, "logos", organizationId, image);
  const logoUrl = assetUrl(c.env.ASSETS_BASE_URL, c.req.url, key);
  await setLogo(writerOf(c), c.env.R2_BUCKET, organizationId, logoUrl, "settings.branding.logo.update");
  return logoUrl;
}

export const upload: AppRouteHandler<UploadRoute> = async (c) => {
  const org = await liveOrganization(c);
  const image = await readImageField(c.req, "logo");
  return c.json({ data: { logoUrl: await publish(c, org.id, image) } }, 200);
};

export const remove = async (c: Context<OrgAppEnv>) => {
  const org = await liveOrganization(c);
  await setLogo(writerOf(c), c.env.R2_BUCKET, org.id, null, "settings.branding.logo.remove");
  return c.body(null, 204);
};

export const ticket: AppRouteHandler<TicketRoute> = async (c) => {
  const org = await liveOrganization(c);
  const { contentType, contentLength } = c.req.valid("json");
  if (!IMAGE_CONTENT_TYPES.includes(contentType)) {
    throw new ApiError(
      "UNSUPPORTED_MEDIA_TYPE",
      `contentType must be one of ${IMAGE_CONTENT_TYPES.join(", ")}`,
    );
  }
  if (contentLength > MAX_IMAGE_BYTES) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `contentLength must be at most ${MAX_IMAGE_BYTES} bytes`);
  }
  const now = Date.now();
  const tmpKey = `tmp/${uuidv7(now)}`;
  const expires = now + TICKET_SECONDS * 1000;
  const env = c.env as UploadsEnv;
  const s3 = r2S3Target(env, tmpKey);
  const headers = { "Content-Type": contentType };
  const uploadUrl = s3
    ? await presignPut(
        s3.credentials,
        s3.url,
        { ...headers, "Content-Length": String(contentLength) },
        TICKET_SECONDS,
      )
    : `${new URL(c.req.url).origin}/api/v1/uploads/${await signUploadToken(env.UPLOAD_SIGNING_KEY, {
        key: tmpKey,
        org: org.id,
        type: contentType,
        length: contentLength,
        expires,
      })}`;
  await insertTicket(c.var.db, {
    tmpKey,
    organizationId: org.id,
    contentType,
    contentLength,
    createdAt: now,
    expiresAt: expires,
  });
  return c.json(
    { data: { uploadUrl, tmpKey, expiresInSeconds: TICKET_SECONDS, method: "PUT" as const, headers } },
    201,
  );
};

async function readTmp(bucket: R2Bucket, key: string) {
  try {
    return await bucket.get(key);
  } catch (cause) {
    throw unavailable("R2", cause);
  }
}

export const finalize: AppRouteHandler<FinalizeRoute> = async (c) => {
  const org = await liveOrganization(c);
  const { tmpKey } = c.req.valid("json");
  const now = Date.now();
  const claimed = await claimFinalize(c.var.db, tmpKey, org.id, now);
  if (!claimed) {
    const ticket = await findTicket(c.var.db, tmpKey);
    if (ticket?.organizationId === org.id && ticket.finalizedAt !== null) {
      throw new ApiError("CONFLICT", "This upload was already finalized");
    }
    throw notFound("Upload");
  }
  const bucket = c.env.R2_BUCKET;
  const object = await readTmp(bucket, tmpKey);
  if (!object) {
    await releaseFinalize(c.var.db, tmpKey, now);
    throw new ApiError("CONFLICT", "Nothing has been uploaded for this tmpKey yet");
  }
  try {
    if (object.size > MAX_IMAGE_BYTES) {
      throw new ApiError("PAYLOAD_TOO_LARGE", `The image is larger than ${MAX_IMAGE_BYTES} bytes`);
    }
    const bytes = new Uint8Array(await object.arrayBuffer());
    const info = inspectImage(bytes);
    if (info.contentType !== claimed.contentType) {
      throw new ApiError(
        "UNSUPPORTED_MEDIA_TYPE",
        `The bytes are ${info.contentType}, not ${claimed.contentType}`,
      );
    }
    return c.json({ data: { logoUrl: await publish(c, org.id, { bytes, info }) } }, 200);
  } finally {
    // Published or refused, the ticket is spent and its bytes are no longer needed.
    await bucket.delete(tmpKey).catch(() => {});
  }
};
