import { uuidv7 } from "@svc/platform";
import type { Context } from "hono";
import { audit } from "../../lib/audit";
import type { OrgAppEnv } from "../../lib/types";
import { mintApiKey } from "./api-keys.keys";
import { insertApiKeyStatement } from "./api-keys.repository";
import type { CreateApiKey } from "./api-keys.schemas";

/** The statements that create a key (with its audit entry), for the caller's batch; and the plain key. */
export async function apiKeyStatements(
  c: Context<OrgAppEnv>,
  organizationId: string,
  input: CreateApiKey,
  createdBy: string | null,
  now = Date.now(),
) {
  const db = c.var.db;
  const { prefix, key, hash } = await mintApiKey();
  const id = uuidv7(now);
  const values = { id, organizationId, name: input.name, prefix, hash, scopes: JSON.stringify(input.scopes) };
  return {
    key,
    statements: [
      insertApiKeyStatement(db, { ...values, createdBy, createdAt: now }),
      audit(
        db,
        c,
        { organizationId, action: "api_key.create", resourceType: "api_key", resourceId: id },
        now,
      ),
    ] as const,
  };
}
