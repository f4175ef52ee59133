const SYNC_TIMEOUT_MS = 5_000;
const USERS_PATH = "/api/v1/users";

export interface SyncableUser {
  id: string;
  email: string;
  name: string;
}

/** POSTs a freshly created Better Auth user to the user service; throws unless it answers 2xx. */
export async function syncUserToUserService(
  env: AuthEnv,
  user: SyncableUser,
  requestId: string,
): Promise<void> {
  const serviceKey = env.SERVICE_API_KEY?.split(",")[0]?.trim();
  if (!env.INTERNAL_GATEWAY_KEY || !serviceKey) {
    throw new Error("user sync not configured: INTERNAL_GATEWAY_KEY and SERVICE_API_KEY are required");
  }
  const init: RequestInit = {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Internal-Key": env.INTERNAL_GATEWAY_KEY,
      "X-Service-API-Key": serviceKey,
      "X-Request-Id": requestId,
    },
    body: JSON.stringify({ betterAuthUserId: user.id, email: user.email, name: user.name }),
    signal: AbortSignal.timeout(SYNC_TIMEOUT_MS),
  };
  const response = await send(env, init);
  await response.body?.cancel();
  if (!response.ok) throw new Error(`user service answered ${response.status}`);
}

function send(env: AuthEnv, init: RequestInit): Promise<Response> {
  // A service binding ignores the host, but the URL must still be absolute.
  if (env.USER_SERVICE) return env.USER_SERVICE.fetch(`https://user-service${USERS_PATH}`, init);
  if (!env.USER_SERVICE_URL) {
    throw new Error("user sync not configured: no USER_SERVICE binding or USER_SERVICE_URL");
  }
  return fetch(`${env.USER_SERVICE_URL.replace(/\/+$/, "")}${USERS_PATH}`, init);
}
