export { type AppOptions, createApp } from "./app";
export { jwtConfig, requireSetting, secretList } from "./config";
export type {
  AppEnv,
  AppVariables,
  CallerUser,
  PermissionFlag,
  PlatformBindings,
  Principal,
  Role,
} from "./context";
export { findSecret, randomToken, safeEqual, secretFingerprint, sha256Hex, toHex } from "./crypto";
export { decodeCursor, decodeKeyCursor, encodeCursor, keysetPage } from "./cursor";
export { uniqueViolation } from "./db-errors";
export { type ErrorEnvelope, errorResponse, zodDetails } from "./envelope";
export { ApiError, ERROR_STATUS, type ErrorCode, type ErrorDetail, notFound, unavailable } from "./errors";
export {
  type Access,
  createGuardedRoute,
  type DocumentedRoute,
  type GuardOptions,
  isRateLimited,
  type RateLimiter,
} from "./guards/access";
export type { ResolveUser } from "./guards/principal";
export { toIso, toIsoOrNull, uuidv7 } from "./ids";
export { type JwtConfig, verifyJwt } from "./jwt";
export { logError } from "./logger";
export { perObject } from "./memo";
export {
  createRouter,
  dataResponse,
  ErrorEnvelopeSchema,
  errorsFor,
  jsonBody,
  pathParams,
  RATE_LIMIT_HEADERS,
  REQUEST_ID_HEADER,
} from "./openapi";
export {
  announcePolicy,
  bindingRateLimiter,
  type LimiterRule,
  rateLimited,
  remainingField,
} from "./rate-limit";
export {
  type CallOptions,
  type CallSource,
  createServiceCaller,
  type ServiceCaller,
  type ServiceResponse,
  type ServiceTarget,
  unexpectedAnswer,
} from "./service-client";
export { apiDocument, jsonListResponse, jsonTextResponse } from "./sql-json";
