export {
  type AuditEntry,
  AuditEntrySchema,
  type AuditPage,
  AuditPageSchema,
  type AuditPurge,
  AuditPurgeSchema,
} from "./audit";
export { type OrgServiceClient, orgServiceClient } from "./clients/org-service";
export {
  CursorPaginationSchema,
  CursorQuerySchema,
  cursorPage,
  cursorQuery,
  IdSchema,
  RoleSchema,
  TimestampSchema,
} from "./common";
export {
  type AutoJoinRecord,
  AutoJoinRecordSchema,
  type AutoJoinTarget,
  AutoJoinTargetSchema,
  type CreatePersonalOrganization,
  CreatePersonalOrganizationSchema,
  type Organization,
  type OrganizationLifecycle,
  OrganizationLifecycleSchema,
  OrganizationSchema,
} from "./organization";
export { FreeText, NameText, OptionalNameText } from "./text";
export {
  type CreateUserInput,
  CreateUserSchema,
  type Membership,
  MembershipSchema,
  type MoveOutCheck,
  MoveOutCheckSchema,
  type MoveOutVerdict,
  MoveOutVerdictSchema,
  type OwnershipTransfer,
  type OwnershipTransferResult,
  OwnershipTransferResultSchema,
  OwnershipTransferSchema,
  type Permissions,
  PermissionsSchema,
  type User,
  type UserPage,
  UserPageSchema,
  UserSchema,
} from "./user";
