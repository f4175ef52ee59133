import type { User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUser, createUserWith } from "../../../test/helpers";

const issuer = await fileIssuer();

describe("GET /api/v1/users/me", () => {
  it("returns the caller; a service principal is refused (403)", async () => {
    const user = await createUser();
    expect(
      (
        await expectData<{ data: User }>(
          await api("/api/v1/users/me", { headers: await issuer.headersFor(user) }),
          200,
        )
      ).data,
    ).toEqual(user);
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
