export { type OrgServiceClient, orgServiceClient } from "./clients/org-service";
export { type UserServiceClient, userServiceClient } from "./clients/user-service";
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
  OrganizationSchema,
} from "./organization";
export {
  type CreateUserInput,
  CreateUserSchema,
  type Membership,
  MembershipSchema,
  type Permissions,
  PermissionsSchema,
  type User,
  type UserPage,
  UserPageSchema,
  UserSchema,
} from "./user";
