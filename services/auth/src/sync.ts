import type { DBAdapter } from "better-auth";
import { APIError } from "better-auth/api";
import { currentRequestId, PeerRefused } from "./service-call";

/** The adapter calls an undo makes. */
export type Adapter = Pick<DBAdapter, "create" | "update" | "delete" | "count">;

/** Peer refusals that are about the operation the caller asked for; anything else is a 503. */
const PASSED_ON = {
  400: "BAD_REQUEST",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "UNPROCESSABLE_ENTITY",
} as const;

/**
 * Runs one sync step of an auth-side operation. When it fails, `undo` takes the auth-side write
 * back (when the hook runs after it), and the operation fails: with the peer's own refusal (409
 * ALREADY_IN_ORGANIZATION, a taken slug…) passed on, or 503 `<code>` when the peer could not answer.
 */
export async function synced(
  what: { operation: string; code: string; message: string; ids: Record<string, string> },
  work: () => Promise<void>,
  undo?: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const requestId = currentRequestId();
    console.error(
      JSON.stringify({ msg: `${what.operation} sync failed`, requestId, ...what.ids, error: String(error) }),
    );
    if (undo) {
      try {
        await undo();
      } catch (undoError) {
        // Only a dead database gets here; the ids in this line are what a repair needs.
        console.error(
          JSON.stringify({
            msg: `${what.operation} compensation failed`,
            requestId,
            ...what.ids,
            error: String(undoError),
          }),
        );
      }
    }
    throw failure(error, what.code, what.message);
  }
}

function failure(error: unknown, code: string, message: string): APIError {
  if (error instanceof PeerRefused && error.status in PASSED_ON) {
    const status = PASSED_ON[error.status as keyof typeof PASSED_ON];
    return new APIError(status, { code: error.code, message: error.message });
  }
  return new APIError("SERVICE_UNAVAILABLE", { code, message });
}
