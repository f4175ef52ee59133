import { env } from "cloudflare:workers";
import type { User } from "@svc/contracts";
import {
  expectData,
  expectError,
  fileIssuer,
  imageForm,
  makeJpeg,
  makePng,
  makeWebp,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, apiWith, createUser } from "../../../test/helpers";

const issuer = await fileIssuer();
const path = (id: string) => `/api/v1/users/${id}/profile-picture`;
const keyOf = (url: string) => url.slice(url.indexOf("avatars/"));

async function upload(user: User, bytes: Uint8Array) {
  const res = await api(path(user.id), {
    method: "POST",
    body: imageForm("picture", bytes),
    headers: await issuer.headersFor(user),
  });
  return (await expectData<{ data: { profilePictureUrl: string } }>(res, 200)).data.profilePictureUrl;
}

describe("POST/DELETE /api/v1/users/{id}/profile-picture", () => {
  it("stores one's own picture under avatars/, serves it back and shows it on the user", async () => {
    const user = await createUser();
    const bytes = makeJpeg(16, 16);
    const url = await upload(user, bytes);
    expect(url).toMatch(new RegExp(`^http://user\\.test/assets/avatars/${user.id}/[0-9a-f]{64}\\.jpg$`));
    const object = await env.R2_BUCKET.get(keyOf(url));
    expect(object?.httpMetadata).toEqual({
      contentType: "image/jpeg",
      cacheControl: "public, max-age=31536000, immutable",
    });
    const served = await api(new URL(url).pathname);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("default-src 'none'");
    const etag = served.headers.get("etag")!;
    expect((await api(new URL(url).pathname, { headers: { "if-none-match": etag } })).status).toBe(304);
    const me = await api("/api/v1/users/me", { headers: await issuer.headersFor(user) });
    expect((await expectData<{ data: User }>(me, 200)).data.profilePictureUrl).toBe(url);
  });

  it("replaces the picture and deletes the previous object; delete removes the object and the URL 404s", async () => {
    const user = await createUser();
    const first = await upload(user, await makePng(2, 2, 3));
    const second = await upload(user, makeWebp(3, 3));
    expect(await env.R2_BUCKET.head(keyOf(first))).toBeNull();
    expect(await env.R2_BUCKET.head(keyOf(second))).not.toBeNull();
    const res = await api(path(user.id), { method: "DELETE", headers: await issuer.headersFor(user) });
    expect(res.status).toBe(204);
    expect(await env.R2_BUCKET.head(keyOf(second))).toBeNull();
    await expectError(await api(new URL(second).pathname), 404, "NOT_FOUND");
    const me = await api("/api/v1/users/me", { headers: await issuer.headersFor(user) });
    expect((await expectData<{ data: User }>(me, 200)).data.profilePictureUrl).toBeNull();
  });

  it("uses ASSETS_BASE_URL when it is set", async () => {
    const user = await createUser();
    const bytes = await makePng(1, 1, 77);
    const res = await apiWith({ ASSETS_BASE_URL: "https://cdn.example.com" }, path(user.id), {
      method: "POST",
      body: imageForm("picture", bytes),
      headers: await issuer.headersFor(user),
    });
    const { profilePictureUrl } = (await expectData<{ data: { profilePictureUrl: string } }>(res, 200)).data;
    expect(profilePictureUrl).toMatch(
      new RegExp(`^https://cdn\\.example\\.com/avatars/${user.id}/[0-9a-f]{64}\\.png$`),
    );
  });

  it("applies the logo checks: SVG 415, over 5 MB 413, over 4096 pixels 400", async () => {
    const user = await createUser();
    const headers = await issuer.headersFor(user);
    const send = (bytes: Uint8Array) =>
      api(path(user.id), { method: "POST", body: imageForm("picture", bytes), headers });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await expectError(await send(svg), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await send(new Uint8Array(5 * 1024 * 1024 + 1)), 413, "PAYLOAD_TOO_LARGE");
    await expectError(await send(await makePng(5000, 1)), 400, "INVALID_INPUT");
    expect((await env.R2_BUCKET.list({ prefix: `avatars/${user.id}/` })).objects).toEqual([]);
  });

  it("refuses another user's picture, even for an admin of their organization (403)", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId);
    const res = await api(path(member.id), {
      method: "POST",
      body: imageForm("picture", await makePng()),
      headers: await issuer.headersFor(admin),
    });
    await expectError(res, 403, "FORBIDDEN");
    const del = await api(path(member.id), { method: "DELETE", headers: await issuer.headersFor(admin) });
    await expectError(del, 403, "FORBIDDEN");
  });
});
