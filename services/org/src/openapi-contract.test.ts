import type { Organization } from "@svc/contracts";
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
import { api, createOrg, post, tokenFor, upgrade } from "../test/helpers";

const issuer = await fileIssuer();

it("answers every operation of its own /openapi.json with a documented status, headers and body", async () => {
  const document = await expectData<Parameters<typeof driveDocument>[1]>(await api("/openapi.json"), 200);
  // On a plan with every feature, so the plan-gated operations (invitations, domains) answer too.
  const org: Organization = await upgrade(
    (await createOrg({ betterAuthOrgId: `ba_org_${crypto.randomUUID()}` })).id,
  );
  const owner = await tokenFor(issuer, org.id, "owner");
  const builder = await expectData<{ data: { id: string } }>(
    await post("/api/v1/organizations/org-builders", { name: "Draft Inc" }, serviceHeaders()),
    201,
  );
  const key = await expectData<{ data: { id: string } }>(
    await post(
      `/api/v1/organizations/${org.id}/api-keys`,
      { name: "Contract", scopes: ["all:read"] },
      serviceHeaders(org.id),
    ),
    201,
  );
  const params: Record<string, string> = {
    id: org.id,
    slug: org.slug,
    betterAuthOrgId: org.betterAuthOrgId ?? "",
    keyId: key.data.id,
    invId: crypto.randomUUID(),
    token: "not-a-signed-token",
    key: "logos/unknown/unknown.png",
    domain: "acme.example",
  };

  /** Deleting and restoring get an organization of their own; org-builder routes name the draft. */
  const callFor = async (path: string, op: OperationDoc): Promise<ContractCall> => {
    const users = !op["x-access"]?.principals.includes("service");
    const target =
      op.operationId === "deleteOrganization" || op.operationId === "restoreOrganization"
        ? (await createOrg()).id
        : org.id;
    const headers = users ? userHeaders(owner.token, target) : serviceHeaders(target);
    const id = path.includes("/org-builders/") ? builder.data.id : target;
    return { params: { ...params, id }, headers };
  };

  const results = await driveDocument(api, document, callFor);
  expect(results.length).toBe(
    Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0),
  );
  expectAllDocumented(results, 35);
});
