import { env } from "cloudflare:workers";
import { expectData } from "@svc/platform/testing";
import { expect, it } from "vitest";

type Doc = { paths: Record<string, Record<string, { operationId: string }>> };

it("gives every operation of both services an operationId no other operation of either uses", async () => {
  const ids: string[] = [];
  for (const service of [env.ORG, env.USER]) {
    const doc = await expectData<Doc>(await service.fetch("http://svc/openapi.json"), 200);
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) ids.push(op.operationId);
  }
  expect(ids.length).toBeGreaterThan(40);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  expect(repeated).toEqual([]);
});
