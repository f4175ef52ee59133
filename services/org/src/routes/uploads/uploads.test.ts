import { env } from "cloudflare:workers";
import {
  createBarrier,
  expectData,
  expectError,
  holdAt,
  json,
  makeJpeg,
  makePng,
  rowsOf,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, callWith, createOrg, post } from "../../../test/helpers";
import { presignPut, signUploadToken } from "../../lib/upload-url";

interface Ticket {
  uploadUrl: string;
  tmpKey: string;
  expiresInSeconds: number;
  method: "PUT";
  headers: Record<string, string>;
}

const logo = (id: string, step: string) => `/api/v1/organizations/${id}/logo/${step}`;

async function ticketFor(id: string, bytes: Uint8Array, contentType = "image/png") {
  const res = await post(
    logo(id, "upload-ticket"),
    { contentType, contentLength: bytes.length },
    serviceHeaders(id),
  );
  return (await expectData<{ data: Ticket }>(res, 201)).data;
}

/** The browser's PUT: no gateway key, no principal, only the signed URL. */
const putBytes = (url: string, body: BodyInit, headers: Record<string, string>) =>
  api(new URL(url).pathname, { method: "PUT", body, headers });

const finalize = (id: string, tmpKey: string) => post(logo(id, "finalize"), { tmpKey }, serviceHeaders(id));

async function uploadedTicket(id: string, bytes: Uint8Array) {
  const ticket = await ticketFor(id, bytes);
  expect((await putBytes(ticket.uploadUrl, bytes, ticket.headers)).status).toBe(204);
  return ticket;
}

describe("two-step logo upload", () => {
  it("issues a ticket, takes the bytes at the worker's URL and publishes them on finalize", async () => {
    const org = await createOrg();
    const bytes = await makePng(6, 3);
    const ticket = await ticketFor(org.id, bytes);
    expect(ticket).toEqual({
      uploadUrl: expect.stringMatching(/^http:\/\/org\.test\/api\/v1\/uploads\/[\w-]+\.[\w-]+$/),
      tmpKey: expect.stringMatching(/^tmp\/[0-9a-f-]{36}$/),
      expiresInSeconds: 600,
      method: "PUT",
      headers: { "Content-Type": "image/png" },
    });
    expect((await putBytes(ticket.uploadUrl, bytes, ticket.headers)).status).toBe(204);
    expect(new Uint8Array(await (await env.R2_BUCKET.get(ticket.tmpKey))!.arrayBuffer())).toEqual(bytes);

    const res = await finalize(org.id, ticket.tmpKey);
    const { logoUrl } = (await expectData<{ data: { logoUrl: string } }>(res, 200)).data;
    expect(logoUrl).toMatch(new RegExp(`^http://org\\.test/assets/logos/${org.id}/[0-9a-f]{64}\\.png$`));
    expect(await env.R2_BUCKET.head(ticket.tmpKey)).toBeNull();
    const served = await api(new URL(logoUrl).pathname);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

    const removed = await api(logo(org.id, "remove"), { method: "POST", headers: serviceHeaders(org.id) });
    expect(removed.status).toBe(204);
    await expectError(await api(new URL(logoUrl).pathname), 404, "NOT_FOUND");
  });

  it("refuses a ticket for an unsupported type (415) or more than 5 MB (413)", async () => {
    const org = await createOrg();
    const ask = (body: unknown) => post(logo(org.id, "upload-ticket"), body, serviceHeaders(org.id));
    await expectError(
      await ask({ contentType: "image/svg+xml", contentLength: 10 }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectError(
      await ask({ contentType: "image/png", contentLength: 5 * 1024 * 1024 + 1 }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    await expectError(await ask({ contentType: "image/png", contentLength: 0 }), 400, "INVALID_INPUT");
  });

  it("takes the upload URL once", async () => {
    const org = await createOrg();
    const bytes = await makePng();
    const ticket = await uploadedTicket(org.id, bytes);
    await expectError(await putBytes(ticket.uploadUrl, bytes, ticket.headers), 409, "CONFLICT");
  });

  it("finalizes a tmpKey once", async () => {
    const org = await createOrg();
    const ticket = await uploadedTicket(org.id, await makePng());
    await expectData(await finalize(org.id, ticket.tmpKey), 200);
    await expectError(await finalize(org.id, ticket.tmpKey), 409, "CONFLICT");
  });

  it("answers 409 to a finalize before the bytes arrived, and lets it succeed once they have", async () => {
    const org = await createOrg();
    const bytes = await makePng();
    const ticket = await ticketFor(org.id, bytes);
    await expectError(await finalize(org.id, ticket.tmpKey), 409, "CONFLICT");
    expect((await putBytes(ticket.uploadUrl, bytes, ticket.headers)).status).toBe(204);
    await expectData(await finalize(org.id, ticket.tmpKey), 200);
  });

  it("answers 404 to a finalize on another organization, and leaves the ticket to its owner", async () => {
    const a = await createOrg();
    const b = await createOrg();
    const ticket = await uploadedTicket(a.id, await makePng());
    await expectError(await finalize(b.id, ticket.tmpKey), 404, "NOT_FOUND");
    await expectError(await finalize(a.id, "tmp/unknown"), 404, "NOT_FOUND");
    await expectData(await finalize(a.id, ticket.tmpKey), 200);
  });

  it("answers 404 to a finalize of an expired ticket", async () => {
    const org = await createOrg();
    const ticket = await uploadedTicket(org.id, await makePng());
    await env.DB.prepare("update logo_upload set expires_at = ? where tmp_key = ?")
      .bind(Date.now() - 1, ticket.tmpKey)
      .run();
    await expectError(await finalize(org.id, ticket.tmpKey), 404, "NOT_FOUND");
  });

  it("refuses an expired, altered or unsigned upload URL with 403", async () => {
    const org = await createOrg();
    const bytes = await makePng();
    const ticket = await ticketFor(org.id, bytes);
    const grant = { key: ticket.tmpKey, org: org.id, type: "image/png", length: bytes.length };
    const expired = await signUploadToken(env.UPLOAD_SIGNING_KEY, { ...grant, expires: Date.now() - 1 });
    const foreign = await signUploadToken("another key", { ...grant, expires: Date.now() + 60_000 });
    const [payload, mac] = new URL(ticket.uploadUrl).pathname.split("/").pop()!.split(".");
    const longer = btoa(JSON.stringify({ ...grant, length: bytes.length + 1, expires: Date.now() + 60_000 }));
    for (const token of [expired, foreign, `${longer}.${mac}`, payload!]) {
      await expectError(
        await putBytes(`http://org.test/api/v1/uploads/${token}`, bytes, ticket.headers),
        403,
        "FORBIDDEN",
      );
    }
    expect(await env.R2_BUCKET.head(ticket.tmpKey)).toBeNull();
  });

  it("takes exactly the declared length and type: a body that lies about its length stores nothing", async () => {
    const org = await createOrg();
    const bytes = await makePng();
    const ticket = await ticketFor(org.id, bytes);
    const stream = (extra: number) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice());
          if (extra) controller.enqueue(new Uint8Array(extra));
          controller.close();
        },
      });
    const length = (n: number) => ({ ...ticket.headers, "content-length": String(n) });
    await expectError(
      await putBytes(ticket.uploadUrl, stream(0), length(bytes.length + 1)),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    await expectError(
      await putBytes(ticket.uploadUrl, bytes.subarray(1), ticket.headers),
      400,
      "INVALID_INPUT",
    );
    // Content-Length says the declared size, the body carries 100 bytes more.
    await expectError(
      await putBytes(ticket.uploadUrl, stream(100), length(bytes.length)),
      400,
      "INVALID_INPUT",
    );
    await expectError(
      await putBytes(ticket.uploadUrl, bytes, { "Content-Type": "image/jpeg" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(await env.R2_BUCKET.head(ticket.tmpKey)).toBeNull();
    // None of the refusals spent the URL.
    expect((await putBytes(ticket.uploadUrl, bytes, ticket.headers)).status).toBe(204);
  });

  it("validates the uploaded bytes at finalize: bytes that are not the declared image are refused and dropped", async () => {
    const org = await createOrg();
    const jpeg = makeJpeg(2, 2);
    const ticket = await ticketFor(org.id, jpeg, "image/png");
    expect((await putBytes(ticket.uploadUrl, jpeg, ticket.headers)).status).toBe(204);
    await expectError(await finalize(org.id, ticket.tmpKey), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await env.R2_BUCKET.head(ticket.tmpKey)).toBeNull();

    const text = new TextEncoder().encode("\x89PNG\r\n\x1a\n not an image at all");
    const second = await ticketFor(org.id, text);
    expect((await putBytes(second.uploadUrl, text, second.headers)).status).toBe(204);
    await expectError(await finalize(org.id, second.tmpKey), 415, "UNSUPPORTED_MEDIA_TYPE");
    const settings = await api(`/api/v1/organizations/${org.id}/settings/branding`, {
      headers: serviceHeaders(org.id),
    });
    expect((await expectData<{ data: { logoUrl: null } }>(settings, 200)).data.logoUrl).toBeNull();
  });

  it("refuses at finalize a tmp object over 5 MB that reached the bucket another way (S3 upload)", async () => {
    const org = await createOrg();
    const bytes = await makePng();
    const ticket = await ticketFor(org.id, bytes);
    await env.R2_BUCKET.put(ticket.tmpKey, new Uint8Array(5 * 1024 * 1024 + 1));
    await expectError(await finalize(org.id, ticket.tmpKey), 413, "PAYLOAD_TOO_LARGE");
    expect(await env.R2_BUCKET.head(ticket.tmpKey)).toBeNull();
  });

  it("publishes one of two concurrent finalizes of one tmpKey; the other gets 409", async () => {
    const org = await createOrg();
    const ticket = await uploadedTicket(org.id, await makePng(3, 3));
    const gate = createBarrier(2);
    const DB = holdAt(env.DB, gate, (sql) => /^update "logo_upload" set "finalized_at"/i.test(sql));
    const call = () =>
      callWith(
        logo(org.id, "finalize"),
        { method: "POST", ...json({ tmpKey: ticket.tmpKey }, serviceHeaders(org.id)) },
        { DB },
      );
    const results = await Promise.all([call(), call()]);
    expect(gate.arrived).toBe(2);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await rowsOf(
      env.DB,
      "select id from audit_log where organization_id = ? and action = 'settings.branding.logo.update'",
      org.id,
    );
    expect(audit).toHaveLength(1);
  });

  it("answers the browser's CORS preflight for the configured origins only, without a gateway key", async () => {
    const org = await createOrg();
    const ticket = await ticketFor(org.id, await makePng());
    const path = new URL(ticket.uploadUrl).pathname;
    const preflight = (origin: string) =>
      callWith(
        path,
        {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "PUT",
            "access-control-request-headers": "content-type",
          },
        },
        { UPLOAD_CORS_ORIGINS: "https://app.example.com, https://admin.example.com" },
      );
    const ok = await preflight("https://admin.example.com");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
    expect(ok.headers.get("access-control-allow-methods")).toBe("PUT");
    const other = await preflight("https://evil.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps the gateway key on every other /api/v1 route", async () => {
    const org = await createOrg();
    const res = await api(logo(org.id, "upload-ticket"), {
      method: "POST",
      ...json({ contentType: "image/png", contentLength: 10 }, { "x-organization-id": org.id }),
    });
    await expectError(res, 401, "UNAUTHORIZED");
  });

  it("answers 503 when no upload signing key and no R2 credentials are configured", async () => {
    const org = await createOrg();
    const res = await callWith(
      logo(org.id, "upload-ticket"),
      { method: "POST", ...json({ contentType: "image/png", contentLength: 10 }, serviceHeaders(org.id)) },
      { UPLOAD_SIGNING_KEY: undefined } as never,
    );
    await expectError(res, 503, "SERVICE_UNAVAILABLE");
  });
});

describe("R2 presigned upload URLs", () => {
  it("signs the AWS documentation's presigned URL example to its published signature", async () => {
    const url = await presignPut(
      {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1",
      },
      "https://examplebucket.s3.amazonaws.com/test.txt",
      {},
      86400,
      "20130524T000000Z",
      "GET",
    );
    expect(url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Expires=86400&X-Amz-Date=20130524T000000Z" +
        "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  it("hands out an R2 presigned PUT that signs the declared type and length when S3 credentials are set", async () => {
    const org = await createOrg();
    const res = await callWith(
      logo(org.id, "upload-ticket"),
      { method: "POST", ...json({ contentType: "image/webp", contentLength: 1234 }, serviceHeaders(org.id)) },
      { R2_ACCOUNT_ID: "acct123", R2_ACCESS_KEY_ID: "AKIDEXAMPLE", R2_SECRET_ACCESS_KEY: "secret" } as never,
    );
    const ticket = (await expectData<{ data: Ticket }>(res, 201)).data;
    const url = new URL(ticket.uploadUrl);
    expect(`${url.origin}${url.pathname}`).toBe(
      `https://acct123.r2.cloudflarestorage.com/org-assets/${ticket.tmpKey}`,
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("600");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\/\d{8}\/auto\/s3\/aws4_request$/);
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(ticket.headers).toEqual({ "Content-Type": "image/webp" });
  });
});
