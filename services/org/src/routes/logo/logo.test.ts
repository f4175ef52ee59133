import { env } from "cloudflare:workers";
import {
  expectData,
  expectError,
  fileIssuer,
  imageForm,
  makeJpeg,
  makePng,
  makeWebp,
  rowsOf,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, memberOf } from "../../../test/helpers";

const issuer = await fileIssuer();
const logoPath = (id: string) => `/api/v1/organizations/${id}/settings/branding/logo`;
const sha256 = async (bytes: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");

const uploadLogo = (id: string, body: BodyInit, headers = serviceHeaders(id)) =>
  api(logoPath(id), { method: "POST", body, headers });

async function uploaded(id: string, bytes: Uint8Array) {
  const res = await uploadLogo(id, imageForm("logo", bytes));
  return (await expectData<{ data: { logoUrl: string } }>(res, 200)).data.logoUrl;
}

const keyOf = (url: string) => url.slice(url.indexOf("/assets/") + "/assets/".length);

describe("POST/DELETE …/settings/branding/logo", () => {
  it.each([
    ["png", "image/png", () => makePng(3, 2)],
    ["jpg", "image/jpeg", async () => makeJpeg(9, 4)],
    ["webp", "image/webp", async () => makeWebp(5, 5)],
  ])(
    "stores a %s under its content hash, immutable, and points branding and the org at it",
    async (ext, type, make) => {
      const { org, headers } = await memberOf(issuer, "admin");
      const bytes = await make();
      // The declared part type is ignored: the bytes decide.
      const res = await uploadLogo(org.id, imageForm("logo", bytes, "text/plain", "logo.txt"), headers);
      const { logoUrl } = (await expectData<{ data: { logoUrl: string } }>(res, 200)).data;
      const key = `logos/${org.id}/${await sha256(bytes)}.${ext}`;
      expect(logoUrl).toBe(`http://org.test/assets/${key}`);

      const object = await env.R2_BUCKET.get(key);
      expect(object?.httpMetadata).toEqual({
        contentType: type,
        cacheControl: "public, max-age=31536000, immutable",
      });
      expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);

      const branding = await api(`/api/v1/organizations/${org.id}/settings/branding`, { headers });
      expect((await expectData<{ data: { logoUrl: string } }>(branding, 200)).data.logoUrl).toBe(logoUrl);
      const got = await api(`/api/v1/organizations/${org.id}`, { headers });
      expect((await expectData<{ data: { logoUrl: string } }>(got, 200)).data.logoUrl).toBe(logoUrl);
      const audit = await rowsOf<{ action: string; metadata: string }>(
        env.DB,
        "select action, metadata from audit_log where organization_id = ? and action like 'settings.%'",
        org.id,
      );
      expect(audit).toEqual([
        { action: "settings.branding.logo.update", metadata: JSON.stringify({ logoUrl }) },
      ]);
    },
  );

  it("serves the logo back from its URL, with its type, ETag, nosniff and a CSP that runs nothing", async () => {
    const org = await createOrg();
    const bytes = await makePng(4, 4);
    const url = new URL(await uploaded(org.id, bytes));
    const res = await api(url.pathname);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await api(url.pathname, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("serves nothing outside logos/ and avatars/: other keys are 404 even when the object exists", async () => {
    const hash = "c".repeat(64);
    const keys = [
      `tmp/${crypto.randomUUID()}`,
      `private/org1/${hash}.png`,
      `logosx/org1/${hash}.png`,
      `jobs/${hash}.png`,
    ];
    for (const key of keys) await env.R2_BUCKET.put(key, await makePng());
    for (const key of [...keys, `logos/org1/../../private/org1/${hash}.png`, `logos/org1/${hash}.svg`]) {
      await expectError(await api(`/assets/${key}`), 404, "NOT_FOUND");
    }
    await expectError(await api(`/assets/logos/${crypto.randomUUID()}/${hash}.png`), 404, "NOT_FOUND");
  });

  it("uses ASSETS_BASE_URL for the logo URL when it is set", async () => {
    const org = await createOrg();
    const bytes = await makePng(1, 1, 9);
    const res = await callWith(
      logoPath(org.id),
      { method: "POST", body: imageForm("logo", bytes), headers: serviceHeaders(org.id) },
      { ASSETS_BASE_URL: "https://assets.example.com/" },
    );
    expect((await expectData<{ data: { logoUrl: string } }>(res, 200)).data.logoUrl).toBe(
      `https://assets.example.com/logos/${org.id}/${await sha256(bytes)}.png`,
    );
  });

  it("replaces the logo and deletes the previous object; the same bytes again keep their object", async () => {
    const org = await createOrg();
    const first = keyOf(await uploaded(org.id, await makePng(2, 2, 1)));
    const second = keyOf(await uploaded(org.id, await makePng(2, 2, 2)));
    expect(second).not.toBe(first);
    expect(await env.R2_BUCKET.head(first)).toBeNull();
    expect(await env.R2_BUCKET.head(second)).not.toBeNull();
    const version = async () =>
      (await env.DB.prepare("select version from organization where id = ?")
        .bind(org.id)
        .first<{ version: number }>())!.version;
    const before = await version();
    expect(keyOf(await uploaded(org.id, await makePng(2, 2, 2)))).toBe(second);
    expect(await env.R2_BUCKET.head(second)).not.toBeNull();
    // The organization's mirrored logoUrl did not change, so neither did its version (ETag).
    expect(await version()).toBe(before);
  });

  it("deletes the logo: the object is gone, its URL is 404 and logoUrl is null", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    const url = new URL(await uploaded(org.id, await makeJpeg(3, 3)));
    const res = await api(logoPath(org.id), { method: "DELETE", headers });
    expect(res.status).toBe(204);
    expect(await env.R2_BUCKET.head(keyOf(url.href))).toBeNull();
    await expectError(await api(url.pathname), 404, "NOT_FOUND");
    const got = await api(`/api/v1/organizations/${org.id}`, { headers });
    expect((await expectData<{ data: { logoUrl: null } }>(got, 200)).data.logoUrl).toBeNull();
    // Deleting again is still a 204: there is nothing left to remove.
    expect((await api(logoPath(org.id), { method: "DELETE", headers })).status).toBe(204);
  });

  const text = (s: string) => new TextEncoder().encode(s);
  const withTail = async () => {
    const png = await makePng(2, 2);
    const tail = text("<html><script>alert(1)</script></html>");
    const out = new Uint8Array(png.length + tail.length);
    out.set(png);
    out.set(tail, png.length);
    return out;
  };
  it.each([
    ["a PNG signature on a text body", async () => text("\x89PNG\r\n\x1a\nhello, this is only text")],
    ["an SVG", async () => text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ["a polyglot: a whole PNG with an HTML page after its end", withTail],
    ["a JPEG without its end marker", async () => makeJpeg(2, 2).subarray(0, -2)],
    ["a WebP whose RIFF size lies", async () => makeWebp(2, 2).subarray(0, 30)],
    ["a GIF", async () => text("GIF89a\x01\x00\x01\x00\x00\x00\x00;")],
  ])("refuses %s with 415 and stores nothing", async (_, make) => {
    const org = await createOrg();
    await expectError(
      await uploadLogo(org.id, imageForm("logo", await make(), "image/png")),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect((await env.R2_BUCKET.list({ prefix: `logos/${org.id}/` })).objects).toEqual([]);
  });

  it.each([
    ["PNG", () => makePng(4097, 1)],
    ["JPEG", async () => makeJpeg(8, 5000)],
    ["WebP", async () => makeWebp(4097, 4097)],
  ])("refuses a %s larger than 4096 pixels a side with 400", async (_, make) => {
    const org = await createOrg();
    await expectError(await uploadLogo(org.id, imageForm("logo", await make())), 400, "INVALID_INPUT");
  });

  it("accepts exactly 4096 × 4096", async () => {
    const org = await createOrg();
    await uploaded(org.id, makeWebp(4096, 4096));
  });

  it("refuses a file of 5 MB + 1 byte with 413", async () => {
    const org = await createOrg();
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(await makePng(1, 1));
    await expectError(await uploadLogo(org.id, imageForm("logo", big)), 413, "PAYLOAD_TOO_LARGE");
  });

  it("refuses a body over the request limit while reading it, whatever it declares", async () => {
    const org = await createOrg();
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await uploadLogo(org.id, body, {
      ...serviceHeaders(org.id),
      "content-type": "multipart/form-data; boundary=x",
    });
    await expectError(res, 413, "PAYLOAD_TOO_LARGE");
    expect(sent).toBeLessThan(20);
  });

  it("refuses a body that is not multipart with 415 and a form without the field with 400", async () => {
    const org = await createOrg();
    await expectError(
      await uploadLogo(org.id, await makePng(), { ...serviceHeaders(org.id), "content-type": "image/png" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    const missing = await expectError(
      await uploadLogo(org.id, imageForm("picture", await makePng())),
      400,
      "INVALID_INPUT",
    );
    expect(missing.error.details.map((d) => d.path)).toEqual(["body.logo"]);
    const form = new FormData();
    form.set("logo", "not a file");
    const notFile = await expectError(await uploadLogo(org.id, form), 400, "INVALID_INPUT");
    expect(notFile.error.details).toEqual([{ path: "body.logo", message: "Required file" }]);
  });

  it("refuses a member with 403 and an unknown organization with 404", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(
      await uploadLogo(org.id, imageForm("logo", await makePng()), headers),
      403,
      "FORBIDDEN",
    );
    const id = crypto.randomUUID();
    await expectError(await uploadLogo(id, imageForm("logo", await makePng())), 404, "NOT_FOUND");
  });
});
