export { type AccessTable, itPinsAccessTable, type PinnedAccess } from "./access-table";
export { describeAppBasics, failingDb } from "./app-basics";
export { type Barrier, createBarrier, holdAt } from "./barrier";
export * from "./constants";
export { type ContractCall, driveDocument, expectAllDocumented, type OperationDoc } from "./contract";
export { failAt, rowsOf } from "./d1";
export { readBothWays } from "./documents";
export {
  envelopeStatus,
  failingPut,
  failOnNth,
  faultyPeer,
  faultyPeerOnNth,
  PEER_FAULTS,
  type PeerFault,
} from "./faults";
export {
  concrete,
  describeGuardMatrix,
  describeGuardMatrixFor,
  guardedOperations,
  type MatrixContext,
} from "./guard-matrix";
export { expectData, expectError, json, serviceHeaders, userHeaders } from "./http";
export { expectIdempotencyCleanup } from "./idempotency";
export { imageForm, makeJpeg, makePng, makeWebp } from "./images";
export { expectInvariants, invariantViolations } from "./invariants";
export { answerJwksInEveryTest, createIssuer, fileIssuer, stubOutbound, type TestIssuer } from "./jwt";
export { createUserThrough, type UserServiceCall, userWithToken } from "./users";
