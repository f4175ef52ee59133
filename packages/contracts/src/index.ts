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
