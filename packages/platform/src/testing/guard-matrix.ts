import { describe, expect, it } from "vitest";
import { GATEWAY_KEY } from "./constants";
import { expectError, serviceHeaders, userHeaders } from "./http";
import { answerJwksInEveryTest, createIssuer, type TestIssuer } from "./jwt";

interface Access {
  principals: ("service" | "user")[];
  scope: "global" | "caller" | { param: string };
  reachesDeletedOrg?: true;
}
interface Operation {
  method: string;
  path: string;
  access: Access;
}

/** Every guarded operation in an OpenAPI document, read from the `x-access` each route declares. */
export function guardedOperations(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op["x-access"])
      .map(([method, op]) => ({ method: method.toUpperCase(), path, access: op["x-access"] as Access })),
  );
}

const ANY_ID = "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d";
export const concrete = (path: string, fill: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] ?? ANY_ID);

export interface MatrixContext {
  fetch: (req: Request) => Promise<Response>;
  /** A valid user token and that user's organization. */
  user: () => Promise<{ token: string; organizationId: string }>;
}

/**
 * The guard chain for every route a service publishes: derived from its own /openapi.json, so a
 * route added later is covered without touching this file.
 */
export function describeGuardMatrix(operations: Operation[], ctx: MatrixContext) {
  it("covers at least one guarded operation", () => expect(operations.length).toBeGreaterThan(0));

  describe.each(operations)("$method $path", ({ method, path, access }) => {
    const call = (headers: Record<string, string>, fill?: Record<string, string>) =>
      ctx.fetch(new Request(`http://svc${concrete(path, fill)}`, { method, headers }));

    it("401 without X-Internal-Key", async () => {
      const { "x-internal-key": _, ...rest } = serviceHeaders(ANY_ID);
      await expectError(await call(rest), 401, "UNAUTHORIZED");
    });

    it("401 with a wrong X-Internal-Key", async () => {
      await expectError(
        await call({ ...serviceHeaders(ANY_ID), "x-internal-key": `${GATEWAY_KEY}x` }),
        401,
        "UNAUTHORIZED",
      );
    });

    it("401 without a principal", async () => {
      await expectError(
        await call({ "x-internal-key": GATEWAY_KEY, "x-organization-id": ANY_ID }),
        401,
        "UNAUTHORIZED",
      );
    });

    it("401 with a wrong service key", async () => {
      await expectError(
        await call({ ...serviceHeaders(ANY_ID), "x-service-api-key": "not-a-key" }),
        401,
        "UNAUTHORIZED",
      );
    });

    if (access.principals.includes("user")) {
      it("403 for a user naming another tenant", async () => {
        const { token, organizationId } = await ctx.user();
        const fill = typeof access.scope === "object" ? { [access.scope.param]: organizationId } : {};
        await expectError(await call(userHeaders(token, crypto.randomUUID()), fill), 403, "FORBIDDEN");
      });
    } else {
      it("403 for a user principal on a service-only route", async () => {
        const { token, organizationId } = await ctx.user();
        await expectError(await call(userHeaders(token, organizationId)), 403, "FORBIDDEN");
      });
    }

    if (typeof access.scope === "object") {
      const param = access.scope.param;
      it(`403 when the target ${param} is not the tenant`, async () => {
        if (access.principals.includes("service")) {
          await expectError(
            await call(serviceHeaders(crypto.randomUUID()), { [param]: crypto.randomUUID() }),
            403,
            "FORBIDDEN",
          );
        }
        if (access.principals.includes("user")) {
          const { token } = await ctx.user();
          await expectError(
            await call(userHeaders(token), { [param]: crypto.randomUUID() }),
            403,
            "FORBIDDEN",
          );
        }
      });
    }
    if (access.scope !== "global" && access.principals.includes("service")) {
      it("403 for a service principal without X-Organization-Id", async () => {
        await expectError(await call(serviceHeaders()), 403, "FORBIDDEN");
      });
    }
  });
}

interface DocumentedApp {
  getOpenAPI31Document(config: { openapi: "3.1.0"; info: { title: string; version: string } }): unknown;
}

/**
 * The guard matrix for a whole worker, read from its own OpenAPI document so routes added later
 * are covered as they land. `member` provisions one user (the first time a case needs one) and
 * returns a token the issuer signed for them.
 */
export async function describeGuardMatrixFor(
  app: DocumentedApp,
  fetch: MatrixContext["fetch"],
  member: (issuer: TestIssuer) => Promise<{ token: string; organizationId: string }>,
) {
  const issuer = await createIssuer();
  answerJwksInEveryTest(issuer);
  let provisioned: Promise<{ token: string; organizationId: string }> | undefined;
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "guard matrix", version: "test" },
  });
  describeGuardMatrix(guardedOperations(doc as Parameters<typeof guardedOperations>[0]), {
    fetch,
    user: () => {
      provisioned ??= member(issuer);
      return provisioned;
    },
  });
}
