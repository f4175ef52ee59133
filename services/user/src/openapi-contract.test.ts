import {
  type ContractCall,
  driveDocument,
  expectAllDocumented,
  expectData,
  fileIssuer,
  type OperationDoc,
  serviceHeaders,
  userHeaders,
} from "@svc/platform/testing";
import { expect, it } from "vitest";
import { api, createUser, orgId, post, tokenFor } from "../test/helpers";

const issuer = await fileIssuer();

it("answers every operation of its own /openapi.json with a documented status, headers and body", async () => {
  const document = await expectData<Parameters<typeof driveDocument>[1]>(await api("/openapi.json"), 200);
  const organizationId = await orgId();
  const caller = await tokenFor(issuer, organizationId, "owner");
  const member = await createUser(organizationId, "member");
  const builder = await expectData<{ data: { id: string } }>(
    await post(
      "/api/v1/user-builders",
      { email: `draft-${crypto.randomUUID()}@acme.example` },
      serviceHeaders(),
    ),
    201,
  );
  const params: Record<string, string> = {
    id: member.id,
    organizationId,
    betterAuthUserId: member.betterAuthUserId,
    key: "avatars/unknown/unknown.png",
  };

  /** The caller's own routes name the caller; removing a user removes one of its own. */
  const callFor = async (path: string, op: OperationDoc): Promise<ContractCall> => {
    const users = !op["x-access"]?.principals.includes("service");
    const headers = users ? userHeaders(caller.token, organizationId) : serviceHeaders(organizationId);
    let id = users ? caller.user.id : member.id;
    if (path.startsWith("/api/v1/user-builders/")) id = builder.data.id;
    if (op.operationId === "deleteUser") id = (await createUser(organizationId, "member")).id;
    return { params: { ...params, id }, headers };
  };

  const results = await driveDocument(api, document, callFor);
  expect(results.length).toBe(
    Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0),
  );
  expectAllDocumented(results, 20);
});
