export { type AccessTable, itPinsAccessTable, type PinnedAccess } from "./access-table";
export { describeAppBasics, failingDb } from "./app-basics";
export { type Barrier, createBarrier, holdAt } from "./barrier";
export * from "./constants";
export { rowsOf } from "./d1";
export { readBothWays } from "./documents";
export {
  describeGuardMatrix,
  describeGuardMatrixFor,
  guardedOperations,
  type MatrixContext,
} from "./guard-matrix";
export { expectData, expectError, json, serviceHeaders, userHeaders } from "./http";
export { imageForm, makeJpeg, makePng, makeWebp } from "./images";
export { answerJwksInEveryTest, createIssuer, fileIssuer, stubOutbound, type TestIssuer } from "./jwt";
export { createUserThrough, type UserServiceCall, userWithToken } from "./users";
