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
export {
  expireIdempotencyKeys,
  IDEMPOTENCY_TTL_MS,
  IdempotencyHeaders,
  idempotency,
  principalKey,
} from "./idempotency";
export { idempotencyKey } from "./idempotency.table";
export { toIso, toIsoOrNull, uuidv7 } from "./ids";
export {
  IMAGE_CONTENT_TYPES,
  type ImageInfo,
  inspectImage,
  MAX_IMAGE_BYTES,
} from "./images/inspect";
export {
  assetRoute,
  assetUrl,
  IMMUTABLE_CACHE,
  keyOfUrl,
  type PublicPrefix,
  putImage,
  readImageField,
  serveAsset,
} from "./images/store";
export { type JwtConfig, verifyJwt } from "./jwt";
export { logError, logJob } from "./logger";
export { perObject } from "./memo";
export {
  commonErrors,
  createRouter,
  dataResponse,
  ErrorEnvelopeSchema,
  errorsFor,
  type HeaderDoc,
  jsonBody,
  pathParams,
  RATE_LIMIT_HEADERS,
  REQUEST_ID_HEADER,
  withPlatformHeaders,
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
  createServiceFetch,
  passOnClientError,
  type ServiceCaller,
  type ServiceFetch,
  type ServiceResponse,
  type ServiceTarget,
  unexpectedAnswer,
} from "./service-client";
export { apiDocument, jsonListResponse, jsonTextResponse } from "./sql-json";
