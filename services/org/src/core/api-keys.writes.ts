import { uuidv7 } from "@svc/platform";
import { mintApiKey } from "./api-keys.keys";
import { insertApiKeyStatement, insertApiKeyWithinStatement } from "./api-keys.repository";
import type { Write } from "./batch";
import type { Writer } from "./writer";

/**
 * The write that creates a key (with its audit entry), for the caller's batch; and the plain key.
 * With a `limit` (the plan's), the insert changes nothing once the organization holds that many.
 */
export async function apiKeyWrite(
  { db }: Writer,
  organizationId: string,
  input: { name: string; scopes: string[] },
  createdBy: string | null,
  now: number,
  limit: number | null = null,
) {
  const { prefix, key, hash } = await mintApiKey();
  const id = uuidv7(now);
  const values = { id, organizationId, name: input.name, prefix, hash, scopes: JSON.stringify(input.scopes) };
  const write = {
    statement:
      limit === null
        ? insertApiKeyStatement(db, { ...values, createdBy, createdAt: now })
        : insertApiKeyWithinStatement(db, { ...values, createdBy, createdAt: now }, limit),
    audit: { organizationId, action: "api_key.create", resourceType: "api_key", resourceId: id },
  } satisfies Write;
  return { key, write };
}
