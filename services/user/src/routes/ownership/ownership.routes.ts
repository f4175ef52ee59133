import { OwnershipTransferResultSchema, OwnershipTransferSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";

export const transfer = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/users/transfer-ownership",
    tags: ["Membership"],
    operationId: "transferUserOwnership",
    summary: "Hand an organization's ownership from one member to another",
    description:
      "Service only (the org service). In one D1 batch the target becomes owner and the previous owner admin (permissions reset to " +
      "the roles' defaults); the promotion happens only while `fromUserId` is still an owner, so the " +
      "organization never has zero owners. 404: the target is not a live member; 409: `fromUserId` " +
      "is no longer an owner.",
    request: {
      body: jsonBody(OwnershipTransferSchema, {
        organizationId: "0192f1c4-7a3e-7b1a-9c4d-2f6e8a0b1c3d",
        fromUserId: "0192f1c6-2a3b-7c4d-8e5f-6a7b8c9d0e1f",
        toUserId: "0192f1c7-3b4c-7d5e-9f6a-7b8c9d0e1f2a",
      }),
    },
    responses: {
      200: dataResponse(OwnershipTransferResultSchema, "The new owner and the previous one"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);
export type TransferRoute = typeof transfer;
