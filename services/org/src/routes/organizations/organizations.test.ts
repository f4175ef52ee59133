import { expectData, expectError, fileIssuer, serviceHeaders, userHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, post, tokenFor } from "../../../test/helpers";

const issuer = await fileIssuer();

describe("POST /api/v1/organizations", () => {
  it("creates an organization with a slug derived from the name", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const res = await post(
      "/api/v1/organizations",
      { name: `Ünïcode & Co ${suffix}`, websiteUrl: "https://acme.example" },
      serviceHeaders(),
    );
    const { data } = await expectData<{ data: Record<string, unknown> }>(res, 201);
    expect(data).toMatchObject({
      name: `Ünïcode & Co ${suffix}`,
      slug: `unicode-co-${suffix}`,
      status: "pending",
      kind: "business",
      subscriptionTier: "free",
      subscriptionStatus: "none",
      websiteUrl: "https://acme.example",
      description: null,
    });
    expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(data.createdAt as string).toISOString()).toBe(data.createdAt);
  });

  it("answers 409 CONFLICT when an explicit slug is taken", async () => {
    const org = await createOrg();
    const res = await post("/api/v1/organizations", { name: "Other", slug: org.slug }, serviceHeaders());
    await expectError(res, 409, "CONFLICT");
  });

  it("gives a taken derived slug a suffix instead of failing", async () => {
    const org = await createOrg();
    const again = await createOrg({ name: org.name });
    expect(again.slug).toMatch(new RegExp(`^${org.slug}-[a-z0-9]{6}$`));
  });

  it("refuses reserved and malformed slugs with INVALID_INPUT", async () => {
    const reserved = await post("/api/v1/organizations", { name: "x", slug: "admin" }, serviceHeaders());
    await expectError(reserved, 400, "INVALID_INPUT");
    const malformed = await post("/api/v1/organizations", { name: "x", slug: "Bad--Slug" }, serviceHeaders());
    const body = await expectError(malformed, 400, "INVALID_INPUT");
    expect(body.error.details).toContainEqual(expect.objectContaining({ path: "body.slug" }));
  });

  it("lists every zod issue in details", async () => {
    const res = await post(
      "/api/v1/organizations",
      { name: "", websiteUrl: "ftp://x", extra: 1 },
      serviceHeaders(),
    );
    const body = await expectError(res, 400, "INVALID_INPUT");
    const paths = body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.websiteUrl"]));
  });

  it.each([
    ["answers malformed JSON with 400, not 500", "application/json", "{ not json", 400, "INVALID_INPUT"],
    ["answers a non-JSON body with 415", "text/plain", "name=x", 415, "UNSUPPORTED_MEDIA_TYPE"],
  ] as const)("%s", async (_, contentType, body, status, code) => {
    const res = await api("/api/v1/organizations", {
      method: "POST",
      headers: { ...serviceHeaders(), "content-type": contentType },
      body,
    });
    await expectError(res, status, code);
  });

  it("answers a missing body with 400", async () => {
    const res = await api("/api/v1/organizations", { method: "POST", headers: serviceHeaders() });
    await expectError(res, 400, "INVALID_INPUT");
  });
});

describe("GET /api/v1/organizations/{id}", () => {
  it("returns the organization to a service principal scoped to it", async () => {
    const org = await createOrg();
    const res = await api(`/api/v1/organizations/${org.id}`, { headers: serviceHeaders(org.id) });
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual(org);
  });

  it("returns the organization to a member holding a Better Auth JWT", async () => {
    const org = await createOrg();
    const { token } = await tokenFor(issuer, org.id);
    const res = await api(`/api/v1/organizations/${org.id}`, { headers: userHeaders(token) });
    expect((await expectData<{ data: unknown }>(res, 200)).data).toEqual(org);
  });

  it("answers 404 NOT_FOUND for an unknown id inside the tenant", async () => {
    const id = crypto.randomUUID();
    await expectError(
      await api(`/api/v1/organizations/${id}`, { headers: serviceHeaders(id) }),
      404,
      "NOT_FOUND",
    );
  });

  it("answers 400 for an id that is not a UUID", async () => {
    await expectError(
      await api("/api/v1/organizations/nope", { headers: serviceHeaders("nope") }),
      400,
      "INVALID_INPUT",
    );
  });
});
