import { uuidv7 } from "@svc/platform";
import type { Write } from "../../core/batch";
import type { Writer } from "../../core/writer";
import { mintApiKey } from "./api-keys.keys";
import { insertApiKeyStatement } from "./api-keys.repository";
import type { CreateApiKey } from "./api-keys.schemas";

/** The write that creates a key (with its audit entry), for the caller's batch; and the plain key. */
export async function apiKeyWrite(
  { db }: Writer,
  organizationId: string,
  input: CreateApiKey,
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
