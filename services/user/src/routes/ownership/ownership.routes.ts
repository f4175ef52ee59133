import { OwnershipTransferResultSchema, OwnershipTransferSchema } from "@svc/contracts";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";

export const transfer = guardedRoute(
  { principals: ["service"], scope: "global" },
  {
    method: "post",
    path: "/api/v1/users/transfer-ownership",
    tags: ["Membership"],
    summary: "Hand an organization's ownership from one member to another (org service)",
    description:
      "In one D1 batch the target becomes owner and the previous owner admin (permissions reset to " +
      "the roles' defaults); the promotion happens only while `fromUserId` is still an owner, so the " +
      "organization never has zero owners. 404: the target is not a live member; 409: `fromUserId` " +
      "is no longer an owner.",
    request: { body: jsonBody(OwnershipTransferSchema) },
    responses: {
      200: dataResponse(OwnershipTransferResultSchema, "The new owner and the previous one"),
      ...errorsFor("NOT_FOUND", "CONFLICT"),
    },
  },
);
export type TransferRoute = typeof transfer;
