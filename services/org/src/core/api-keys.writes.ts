import { uuidv7 } from "@svc/platform";
import { mintApiKey } from "./api-keys.keys";
import { insertApiKeyStatement } from "./api-keys.repository";
import type { Write } from "./batch";
import type { Writer } from "./writer";

/** The write that creates a key (with its audit entry), for the caller's batch; and the plain key. */
export async function apiKeyWrite(
  { db }: Writer,
  organizationId: string,
  input: { name: string; scopes: string[] },
  createdBy: string | null,
  now: number,
) {
  const { prefix, key, hash } = await mintApiKey();
  const id = uuidv7(now);
  const values = { id, organizationId, name: input.name, prefix, hash, scopes: JSON.stringify(input.scopes) };
  const write = {
    statement: insertApiKeyStatement(db, { ...values, createdBy, createdAt: now }),
    audit: { organizationId, action: "api_key.create", resourceType: "api_key", resourceId: id },
  } satisfies Write;
  return { key, write };
}
