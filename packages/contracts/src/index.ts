export { type OrgServiceClient, orgServiceClient } from "./clients/org-service";
export type { CreateUserInput } from "./clients/user-service";
export { type UserPage, type UserServiceClient, userServiceClient } from "./clients/user-service";
export {
  CursorPaginationSchema,
  CursorQuerySchema,
  cursorPage,
  IdSchema,
  RoleSchema,
  TimestampSchema,
} from "./common";
export { type Organization, OrganizationSchema } from "./organization";
export { type Permissions, PermissionsSchema, type User, UserSchema } from "./user";
