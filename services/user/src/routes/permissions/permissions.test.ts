import type { Permissions, User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, json, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUser, createUserWith } from "../../../test/helpers";

const issuer = await fileIssuer();

const permissionsOf = (target: User, headers: Record<string, string>) =>
  api(`/api/v1/users/${target.id}/permissions`, { headers });
const putPermissions = (target: User, body: unknown, headers: Record<string, string>) =>
  api(`/api/v1/users/${target.id}/permissions`, { method: "PUT", ...json(body, headers) });
const patchRole = (target: User, role: string, headers: Record<string, string>) =>
  api(`/api/v1/users/${target.id}/role`, { method: "PATCH", ...json({ role }, headers) });
/** Even an admin gets 404 for another organization's user, so tenants cannot probe each other's ids. */
const expectStrangerHidden = async (
  call: (stranger: User, headers: Record<string, string>) => Promise<Response>,
) => {
  const stranger = await createUser();
  const admin = await createUser(undefined, "admin");
  await expectError(await call(stranger, await issuer.headersFor(admin)), 404, "NOT_FOUND");
};

describe("GET /api/v1/users/{id}/permissions", () => {
  it("answers the user itself, an admin of the org and a service", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId, "member");
    for (const headers of [
      await issuer.headersFor(member),
      await issuer.headersFor(admin),
      serviceHeaders(admin.organizationId!),
    ]) {
      const { data } = await expectData<{ data: Permissions }>(await permissionsOf(member, headers), 200);
      expect(data).toEqual(member.permissions);
    }
  });

  it("refuses another member (403) and hides another tenant's user (404)", async () => {
    const member = await createUser();
    const peer = await createUser(member.organizationId, "member");
    await expectError(await permissionsOf(member, await issuer.headersFor(peer)), 403, "FORBIDDEN");
    await expectStrangerHidden(permissionsOf);
  });
});

describe("PUT /api/v1/users/{id}/permissions", () => {
  it("lets an admin replace a member's permissions", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId);
    const next = { ...member.permissions, chat: { enabled: false, components: ["a"], lookbackWindow: 7 } };
    const { data } = await expectData<{ data: Permissions }>(
      await putPermissions(member, next, await issuer.headersFor(admin)),
      200,
    );
    expect(data).toEqual(next);
    const stored = await expectData<{ data: Permissions }>(
      await permissionsOf(member, await issuer.headersFor(member)),
      200,
    );
    expect(stored.data).toEqual(next);
  });

  it("validates the whole permissions document (400)", async () => {
    const admin = await createUser(undefined, "admin");
    const member = await createUser(admin.organizationId);
    const body = await expectError(
      await putPermissions(
        member,
        { ...member.permissions, patterns: { enabled: "yes" }, extra: 1 },
        await issuer.headersFor(admin),
      ),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.details.map((d) => d.path)).toContain("body.patterns.enabled");
  });

  it("lets a teamManagement member manage peers but not grant what it lacks, nor touch an admin", async () => {
    const admin = await createUser(undefined, "admin");
    const base = admin.permissions;
    const manager = await createUserWith({
      organizationId: admin.organizationId,
      permissions: { ...base, teamManagement: { enabled: true }, apiKeyManagement: { enabled: false } },
    });
    const member = await createUser(admin.organizationId);
    const headers = await issuer.headersFor(manager);
    const quiet = { ...member.permissions, interactions: { enabled: false } };
    await expectData(await putPermissions(member, quiet, headers), 200);
    const escalate = { ...member.permissions, apiKeyManagement: { enabled: true } };
    await expectError(await putPermissions(member, escalate, headers), 403, "FORBIDDEN");
    await expectError(await putPermissions(admin, base, headers), 403, "FORBIDDEN");
  });

  it("refuses a plain member (403) and hides another tenant's user (404)", async () => {
    const member = await createUser();
    const peer = await createUser(member.organizationId);
    await expectError(
      await putPermissions(peer, peer.permissions, await issuer.headersFor(member)),
      403,
      "FORBIDDEN",
    );
    await expectStrangerHidden((stranger, headers) =>
      putPermissions(stranger, stranger.permissions, headers),
    );
  });
});

describe("PATCH /api/v1/users/{id}/role", () => {
  it("promotes a member to admin with the admin's default permissions", async () => {
    const owner = await createUser(undefined, "owner");
    const member = await createUser(owner.organizationId);
    const { data } = await expectData<{ data: User }>(
      await patchRole(member, "admin", await issuer.headersFor(owner)),
      200,
    );
    expect(data).toMatchObject({ id: member.id, role: "admin" });
    expect(data.permissions.teamManagement.enabled).toBe(true);
  });

  it("never demotes the last owner (409), by a user or a service", async () => {
    const owner = await createUser(undefined, "owner");
    await expectError(await patchRole(owner, "admin", await issuer.headersFor(owner)), 409, "CONFLICT");
    await expectError(
      await patchRole(owner, "member", serviceHeaders(owner.organizationId!)),
      409,
      "CONFLICT",
    );
    const second = await createUser(owner.organizationId, "owner");
    await expectData(await patchRole(owner, "admin", await issuer.headersFor(second)), 200);
    await expectError(await patchRole(second, "admin", await issuer.headersFor(second)), 409, "CONFLICT");
  });

  it("refuses an admin granting owner or demoting an owner (403), a member (403), bad roles (400)", async () => {
    const owner = await createUser(undefined, "owner");
    await createUser(owner.organizationId, "owner");
    const admin = await createUser(owner.organizationId, "admin");
    const member = await createUser(owner.organizationId);
    await expectError(await patchRole(member, "owner", await issuer.headersFor(admin)), 403, "FORBIDDEN");
    await expectError(await patchRole(owner, "member", await issuer.headersFor(admin)), 403, "FORBIDDEN");
    await expectError(await patchRole(admin, "member", await issuer.headersFor(member)), 403, "FORBIDDEN");
    await expectError(
      await patchRole(member, "superuser", await issuer.headersFor(admin)),
      400,
      "INVALID_INPUT",
    );
    await expectError(
      await patchRole(await createUser(), "admin", await issuer.headersFor(admin)),
      404,
      "NOT_FOUND",
    );
  });
});
