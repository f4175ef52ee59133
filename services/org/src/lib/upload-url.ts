import { ApiError, unavailable } from "@svc/platform";
import { AwsV4Signer } from "aws4fetch";
import type { UploadsEnv } from "./uploads-env";

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/**
 * A presigned S3 PUT (query-string SigV4, unsigned payload) that also signs Content-Type and
 * Content-Length, so the storage refuses other bytes than the ticket declared.
 */
export async function presignPut(
  credentials: S3Credentials,
  url: string,
  headers: Record<string, string>,
  expiresInSeconds: number,
  datetime?: string,
  method = "PUT",
) {
  const target = new URL(url);
  target.searchParams.set("X-Amz-Expires", String(expiresInSeconds));
  const signer = new AwsV4Signer({
    ...credentials,
    method,
    url: target.toString(),
    headers,
    service: "s3",
    signQuery: true,
    allHeaders: true,
    datetime,
  });
  return (await signer.sign()).url.toString();
}

/** R2's S3 endpoint for a key, when the account, bucket and S3 credentials are all configured. */
export function r2S3Target(env: UploadsEnv, key: string) {
  const { R2_ACCOUNT_ID, R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY, R2_BUCKET_NAME } = env;
  if (!R2_ACCOUNT_ID || !R2_ACCESS_KEY_ID || !R2_SECRET_ACCESS_KEY || !R2_BUCKET_NAME) return null;
  return {
    url: `https://${R2_ACCOUNT_ID}.r2.cloudflarestorage.com/${R2_BUCKET_NAME}/${key}`,
    credentials: { accessKeyId: R2_ACCESS_KEY_ID, secretAccessKey: R2_SECRET_ACCESS_KEY, region: "auto" },
  };
}

/** What an upload token grants: one PUT of exactly `length` bytes of `type` to `key`, until `expires`. */
export interface UploadGrant {
  key: string;
  org: string;
  type: string;
  length: number;
  expires: number;
}

const encoder = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const unb64url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

const hmacKey = (secret: string | undefined) => {
  if (!secret) throw unavailable("Upload signing (UPLOAD_SIGNING_KEY is not configured)");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
};

export async function signUploadToken(secret: string | undefined, grant: UploadGrant) {
  const payload = encoder.encode(JSON.stringify(grant));
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), payload);
  return `${b64url(payload)}.${b64url(new Uint8Array(mac))}`;
}

const refused = () => new ApiError("FORBIDDEN", "Invalid or expired upload URL");

/** The grant a token carries, once its HMAC (checked in constant time) and expiry hold. */
export async function verifyUploadToken(secret: string | undefined, token: string, now: number) {
  const key = await hmacKey(secret);
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) throw refused();
  let grant: UploadGrant;
  try {
    if (!(await crypto.subtle.verify("HMAC", key, unb64url(mac), unb64url(payload)))) throw refused();
    grant = JSON.parse(new TextDecoder().decode(unb64url(payload))) as UploadGrant;
  } catch {
    throw refused();
  }
  if (!(grant.expires > now)) throw refused();
  return grant;
}
