import { keyOfUrl } from "@svc/platform";
import { batchWrite } from "./batch";
import { findSettings, mirrorLogoStatement, upsertSettingsStatement } from "./settings.repository";
import type { Writer } from "./writer";

/**
 * Points the organization's logo at `logoUrl` (or at nothing): branding's logoUrl and the
 * organization's mirror of it change in one batch with the audit entry. Afterwards the previous
 * object is deleted, unless the organization still points at it (same bytes uploaded again, or a
 * concurrent upload put it back); a failed delete only leaves an unreferenced object, which the
 * image sweep removes.
 */
export async function setLogo(
  writer: Writer,
  bucket: R2Bucket,
  organizationId: string,
  logoUrl: string | null,
  action: "settings.branding.logo.update" | "settings.branding.logo.remove",
) {
  const now = Date.now();
  const previous = keyOfUrl(
    (await findSettings(writer.db, organizationId))?.logoUrl,
    "logos",
    organizationId,
  );
  const [rows] = await batchWrite(
    writer,
    [
      {
        statement: upsertSettingsStatement(writer.db, organizationId, { logoUrl }, now),
        audit: {
          organizationId,
          action,
          resourceType: "settings",
          resourceId: `${organizationId}/branding`,
          metadata: { logoUrl },
        },
      },
      { statement: mirrorLogoStatement(writer.db, organizationId, now) },
    ],
    now,
  );
  if (previous) await deleteIfUnreferenced(writer, bucket, organizationId, previous);
  return rows[0];
}

async function deleteIfUnreferenced(writer: Writer, bucket: R2Bucket, organizationId: string, key: string) {
  const current = keyOfUrl((await findSettings(writer.db, organizationId))?.logoUrl, "logos", organizationId);
  if (current === key) return;
  try {
    await bucket.delete(key);
  } catch (err) {
    console.error(
      JSON.stringify({
        level: "error",
        event: "logo.delete_failed",
        requestId: writer.requestId,
        key,
        error: err instanceof Error ? err.name : "unknown",
      }),
    );
  }
}
