/** Test-only credentials shared by the vitest config (Node) and the tests (workerd). */
export const TEST_SECRETS = {
  INTERNAL_GATEWAY_KEY: "test-gateway-key",
  // Two keys: rotation means the previous key still works while the new one rolls out.
  SERVICE_API_KEY: "test-service-key-previous,test-service-key",
  BETTER_AUTH_SECRET: "test-better-auth-secret-0123456789abcdef",
};
export const GATEWAY_KEY = TEST_SECRETS.INTERNAL_GATEWAY_KEY;
export const SERVICE_KEY = "test-service-key";
export const PREVIOUS_SERVICE_KEY = "test-service-key-previous";

/** The URL the services fetch the JWKS from in tests; each test file answers it at the fetch boundary. */
export const TEST_AUTH_URL = "http://auth.test";
