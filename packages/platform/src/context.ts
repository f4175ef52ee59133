import type { Env as HonoEnv } from "hono";

export type Role = "member" | "admin" | "owner";
export type PermissionFlag = "teamManagement" | "apiKeyManagement";

/** The internal user behind a verified JWT, as the guard chain needs it. */
export interface CallerUser {
  id: string;
  betterAuthUserId: string;
  organizationId: string;
  role: Role;
  permissions: Partial<Record<PermissionFlag, { enabled: boolean }>>;
}

export type Principal =
  | { kind: "service"; keyFingerprint: string }
  | { kind: "user"; user: CallerUser; token: string };

/** The secrets and settings every service reads; each service's generated Env is wider. */
export interface PlatformBindings {
  INTERNAL_GATEWAY_KEY?: string;
  SERVICE_API_KEY?: string;
  AUTH_SERVICE_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
  ENVIRONMENT?: string;
  /** Where integrators reach this service (the gateway's URL for it): the document's `servers`. */
  PUBLIC_BASE_URL?: string;
}

export interface AppVariables {
  requestId: string;
  principal?: Principal;
  /** The organization the request is scoped to, once the tenant guard has decided it. */
  tenantId?: string;
}

export type AppEnv<B extends PlatformBindings = PlatformBindings, V extends object = object> = {
  Bindings: B;
  Variables: AppVariables & V;
} & HonoEnv;
