import { env } from "cloudflare:workers";
import type { Organization, User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, apiWith, createUser, createUserWith, failingFetcher } from "../../../test/helpers";

const issuer = await fileIssuer();

/** A real organization in the org service (the peer bound as ORG_SERVICE). */
async function createOrganization(): Promise<Organization> {
  const res = await env.ORG_SERVICE.fetch("http://org-service/api/v1/organizations", {
    method: "POST",
    ...json({ name: `Org ${crypto.randomUUID().slice(0, 8)}` }, serviceHeaders()),
  });
  return (await expectData<{ data: Organization }>(res, 201)).data;
}

const me = async (user: User) =>
  (
    await expectData<{
      data: User & { organizationState: string; organizationRestorableUntil: string | null };
    }>(await api("/api/v1/users/me", { headers: await issuer.headersFor(user) }), 200)
  ).data;

describe("GET /api/v1/users/me", () => {
  it("returns the caller with their organization's state; a deleted org says so", async () => {
    const org = await createOrganization();
    const user = await createUser(org.id, "owner");
    expect(await me(user)).toEqual({
      ...user,
      organizationState: "active",
      organizationRestorableUntil: null,
    });
    const deleted = await env.ORG_SERVICE.fetch(`http://org-service/api/v1/organizations/${org.id}`, {
      method: "DELETE",
      headers: serviceHeaders(org.id),
    });
    expect(deleted.status).toBe(204);
    const after = await me(user);
    expect(after.organizationState).toBe("deleted");
    expect(Date.parse(after.organizationRestorableUntil!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it("says unknown when the org service cannot answer, and a service principal is refused (403)", async () => {
    const user = await createUser();
    const res = await apiWith({ ORG_SERVICE: failingFetcher() }, "/api/v1/users/me", {
      headers: await issuer.headersFor(user),
    });
    expect((await expectData<{ data: { organizationState: string } }>(res, 200)).data.organizationState).toBe(
      "unknown",
    );
    await expectError(
      await api("/api/v1/users/me", { headers: serviceHeaders(user.organizationId!) }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("POST /api/v1/users/onboard", () => {
  it("sets the profile and activates the caller", async () => {
    const user = await createUserWith({ status: "pending" });
    const res = await api("/api/v1/users/onboard", {
      method: "POST",
      ...json({ name: "  Grace Hopper " }, await issuer.headersFor(user)),
    });
    const { data } = await expectData<{ data: User }>(res, 200);
    expect(data).toMatchObject({
      id: user.id,
      name: "Grace Hopper",
      profilePictureUrl: null,
      status: "active",
    });
  });

  it("requires a name (400)", async () => {
    const user = await createUserWith({ status: "pending" });
    const res = await api("/api/v1/users/onboard", {
      method: "POST",
      ...json({ name: " " }, await issuer.headersFor(user)),
    });
    await expectError(res, 400, "INVALID_INPUT");
  });
});

describe("PATCH /api/v1/users/{id}/profile", () => {
  const patch = (id: string, body: unknown, headers: Record<string, string>) =>
    api(`/api/v1/users/${id}/profile`, { method: "PATCH", ...json(body, headers) });

  it("updates one's own name", async () => {
    const user = await createUserWith({});
    const headers = await issuer.headersFor(user);
    const { data } = await expectData<{ data: User }>(
      await patch(user.id, { name: "Renamed" }, headers),
      200,
    );
    expect(data).toMatchObject({ name: "Renamed", profilePictureUrl: null });
  });

  it("refuses someone else's profile, even an admin (403), and bad input (400)", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId);
    await expectError(
      await patch(member.id, { name: "x" }, await issuer.headersFor(admin)),
      403,
      "FORBIDDEN",
    );
    const headers = await issuer.headersFor(member);
    await expectError(await patch(member.id, {}, headers), 400, "INVALID_INPUT");
    // The picture is only set by uploading one: no URL of any kind is taken here.
    for (const profilePictureUrl of ["https://cdn.example.com/a.png", null, "javascript:alert(1)"]) {
      await expectError(
        await patch(member.id, { name: "x", profilePictureUrl }, headers),
        400,
        "INVALID_INPUT",
      );
    }
    await expectError(await patch(member.id, { email: "x@example.com" }, headers), 400, "INVALID_INPUT");
  });
});
