import { ApiError, unavailable } from "@svc/platform";
import type { Context } from "hono";
import type { OrgAppEnv } from "../../lib/types";
import { verifyUploadToken } from "../../lib/upload-url";
import type { UploadsEnv } from "../../lib/uploads-env";
import { claimUpload, releaseUpload } from "./uploads.repository";

export const put = async (c: Context<OrgAppEnv>) => {
  try {
    return await store(c);
  } catch (err) {
    // A refused body is not read; cancelling it tells the client now instead of on disconnect.
    await c.req.raw.body?.cancel().catch(() => {});
    throw err;
  }
};

async function store(c: Context<OrgAppEnv>) {
  const now = Date.now();
  const env = c.env as UploadsEnv;
  const grant = await verifyUploadToken(env.UPLOAD_SIGNING_KEY, c.req.param("token") as string, now);
  if (c.req.header("content-type") !== grant.type) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Content-Type must be ${grant.type}`);
  }
  const declared = Number(c.req.header("content-length"));
  if (declared > grant.length) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `The body must be exactly ${grant.length} bytes`);
  }
  const body = c.req.raw.body;
  if (declared !== grant.length || !body) {
    throw new ApiError("INVALID_INPUT", `The body must be exactly ${grant.length} bytes`);
  }
  if (!(await claimUpload(c.var.db, grant.key, grant.org, now))) {
    throw new ApiError("CONFLICT", "This upload URL was already used");
  }
  try {
    // FixedLengthStream fails the store when the body is not exactly the granted length,
    // whatever Content-Length claimed.
    await env.R2_BUCKET.put(grant.key, body.pipeThrough(new FixedLengthStream(grant.length)), {
      httpMetadata: { contentType: grant.type },
    });
  } catch (cause) {
    await releaseUpload(c.var.db, grant.key, now);
    if (cause instanceof TypeError || /length/i.test(String(cause))) {
      throw new ApiError("INVALID_INPUT", `The body must be exactly ${grant.length} bytes`, { cause });
    }
    throw unavailable("R2", cause);
  }
  return c.body(null, 204);
}
