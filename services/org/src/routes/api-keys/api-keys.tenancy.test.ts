import {
  answerJwksInEveryTest,
  createIssuer,
  expectData,
  expectError,
  json,
  serviceHeaders,
} from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createOrg, memberOf } from "../../../test/helpers";

const issuer = await createIssuer();
answerJwksInEveryTest(issuer);

interface Created {
  data: { id: string; key: string };
}
const verify = (key: string) =>
  api("/api/v1/api-keys/verify", { method: "POST", ...json({ key }, serviceHeaders()) });

describe("API keys across tenants", () => {
  it("does not let org B revoke org A's key by its id (404), and A's key keeps verifying", async () => {
    const a = await createOrg();
    const { data: key } = await expectData<Created>(
      await api(`/api/v1/organizations/${a.id}/api-keys`, {
        method: "POST",
        ...json({ name: "A's key" }, serviceHeaders(a.id)),
      }),
      201,
    );
    const b = await memberOf(issuer, "admin");
    for (const headers of [serviceHeaders(b.org.id), b.headers]) {
      await expectError(
        await api(`/api/v1/organizations/${b.org.id}/api-keys/${key.id}`, { method: "DELETE", headers }),
        404,
        "NOT_FOUND",
      );
    }
    const verified = await expectData<{ data: unknown }>(await verify(key.key), 200);
    expect(verified.data).toEqual({ organizationId: a.id, scopes: expect.any(Array), keyId: key.id });
  });
});
