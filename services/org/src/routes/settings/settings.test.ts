import {
  expectData,
  expectError,
  fileIssuer,
  imageForm,
  json,
  makePng,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, memberOf } from "../../../test/helpers";

const issuer = await fileIssuer();

const path = (id: string, group = "") => `/api/v1/organizations/${id}/settings${group ? `/${group}` : ""}`;
const put = (id: string, group: string, body: unknown, headers: Record<string, string>) =>
  api(path(id, group), { method: "PUT", ...json(body, headers) });

describe("organization settings", () => {
  it("returns the documented defaults before anything is written, with ETag v0", async () => {
    const org = await createOrg();
    const res = await api(path(org.id), { headers: serviceHeaders(org.id) });
    expect(res.headers.get("etag")).toBe('"v0"');
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual({
      branding: { logoUrl: null, primaryColorHex: "#000000" },
      contact: { platformName: org.name, supportEmail: null, contactUrl: null, timezone: "UTC" },
      features: { enableSignups: true, enablePurchases: true },
    });
  });

  it("lets an admin replace a group; omitted fields return to defaults; members may read", async () => {
    const { org, headers } = await memberOf(issuer, "admin");
    const body = {
      supportEmail: "help@acme.example",
      contactUrl: "https://acme.example/contact",
      timezone: "Europe/Berlin",
    };
    const res = await put(org.id, "contact", body, headers);
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual({ ...body, platformName: org.name });
    expect(res.headers.get("etag")).toBe('"v1"');
    const branding = await put(org.id, "branding", { primaryColorHex: "#12AbEf" }, headers);
    expect((await expectData<{ data: unknown }>(branding, 200)).data).toEqual({
      primaryColorHex: "#12AbEf",
      logoUrl: null,
    });
    const got = await api(path(org.id, "features"), { headers });
    expect((await expectData<{ data: unknown }>(got, 200)).data).toEqual({
      enableSignups: true,
      enablePurchases: true,
    });
  });

  it("keeps the uploaded logo through a branding PUT, which no longer takes logoUrl", async () => {
    const org = await createOrg();
    const headers = serviceHeaders(org.id);
    const upload = await api(`${path(org.id, "branding")}/logo`, {
      method: "POST",
      body: imageForm("logo", await makePng()),
      headers,
    });
    const { logoUrl } = (await expectData<{ data: { logoUrl: string } }>(upload, 200)).data;
    const res = await put(org.id, "branding", { primaryColorHex: "#FFFFFF" }, headers);
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual({
      primaryColorHex: "#FFFFFF",
      logoUrl,
    });
    const orgNow = await api(`/api/v1/organizations/${org.id}`, { headers });
    expect((await expectData<{ data: { logoUrl: string } }>(orgNow, 200)).data.logoUrl).toBe(logoUrl);
    const error = await expectError(
      await put(org.id, "branding", { logoUrl: "https://cdn.example/l.png" }, headers),
      400,
      "INVALID_INPUT",
    );
    expect(error.error.details.map((d) => d.path)).toEqual(["body"]);
  });

  it("PATCH changes only the fields it carries (null clears a nullable one); PUT replaces them all", async () => {
    const org = await createOrg();
    const headers = serviceHeaders(org.id);
    const patch = (body: unknown) =>
      api(path(org.id, "contact"), { method: "PATCH", ...json(body, headers) });
    await expectData(
      await put(org.id, "contact", { supportEmail: "a@acme.example", timezone: "Asia/Tokyo" }, headers),
      200,
    );
    const patched = await patch({ contactUrl: "https://acme.example/help" });
    expect((await expectData<{ data: unknown }>(patched, 200)).data).toEqual({
      platformName: org.name,
      supportEmail: "a@acme.example",
      contactUrl: "https://acme.example/help",
      timezone: "Asia/Tokyo",
    });
    expect(patched.headers.get("etag")).toBe('"v2"');
    const reset = await patch({ supportEmail: null });
    expect((await expectData<{ data: unknown }>(reset, 200)).data).toMatchObject({
      timezone: "Asia/Tokyo",
      supportEmail: null,
    });
    await expectError(await patch({ timezone: "Mars/Olympus" }), 400, "INVALID_INPUT");
    await expectError(
      await api(path(org.id, "contact"), {
        method: "PATCH",
        ...json({ contactUrl: null }, { ...headers, "if-match": '"v1"' }),
      }),
      412,
      "PRECONDITION_FAILED",
    );
    const replaced = await put(org.id, "contact", { contactUrl: "https://acme.example/c" }, headers);
    expect((await expectData<{ data: unknown }>(replaced, 200)).data).toEqual({
      platformName: org.name,
      supportEmail: null,
      contactUrl: "https://acme.example/c",
      timezone: "UTC",
    });
  });

  it.each([
    ["utc", "UTC"],
    ["europe/berlin", "Europe/Berlin"],
    ["AMERICA/NEW_YORK", "America/New_York"],
  ])("stores the canonical IANA name for %s", async (typed, canonical) => {
    const { org, headers } = await memberOf(issuer, "admin");
    const res = await put(org.id, "contact", { timezone: typed }, headers);
    expect((await expectData<{ data: { timezone: string } }>(res, 200)).data.timezone).toBe(canonical);
    const again = await api(path(org.id, "contact"), { headers });
    expect((await expectData<{ data: { timezone: string } }>(again, 200)).data.timezone).toBe(canonical);
  });

  it("refuses writes from a member with 403", async () => {
    const { org, headers } = await memberOf(issuer, "member");
    await expectError(await put(org.id, "features", { enableSignups: false }, headers), 403, "FORBIDDEN");
  });

  it.each([
    ["branding", { primaryColorHex: "red" }, "body.primaryColorHex"],
    ["contact", { supportEmail: "not-an-email" }, "body.supportEmail"],
    ["contact", { timezone: "Mars/Olympus" }, "body.timezone"],
    ["contact", { timezone: "+01:00" }, "body.timezone"],
    ["features", { enableSignups: "yes" }, "body.enableSignups"],
    ["features", { unknown: true }, "body"],
  ])("validates %s %j", async (group, body, detailPath) => {
    const org = await createOrg();
    const res = await put(org.id, group, body, serviceHeaders(org.id));
    const error = await expectError(res, 400, "INVALID_INPUT");
    expect(error.error.details.map((d) => d.path)).toContain(detailPath);
  });

  it("answers 412 for a stale If-Match", async () => {
    const org = await createOrg();
    const headers = serviceHeaders(org.id);
    await expectData(
      await put(org.id, "features", { enableSignups: false }, { ...headers, "if-match": '"v0"' }),
      200,
    );
    const stale = await put(org.id, "features", { enableSignups: true }, { ...headers, "if-match": '"v0"' });
    await expectError(stale, 412, "PRECONDITION_FAILED");
    expect(stale.headers.get("etag")).toBe('"v1"');
    await expectData(
      await put(org.id, "features", { enableSignups: true }, { ...headers, "if-match": '"v1"' }),
      200,
    );
  });

  it("answers 404 for an unknown org", async () => {
    const id = crypto.randomUUID();
    await expectError(await api(path(id, "branding"), { headers: serviceHeaders(id) }), 404, "NOT_FOUND");
  });
});
