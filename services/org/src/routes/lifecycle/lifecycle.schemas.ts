import { z } from "@hono/zod-openapi";
import { IdSchema } from "@svc/contracts";

export const TransferOwnershipSchema = z.object({ userId: IdSchema }).strict().openapi("TransferOwnership");

export const TransferResultSchema = z
  .object({ organizationId: IdSchema, ownerId: IdSchema, previousOwnerId: IdSchema })
  .openapi("OwnershipTransferred");
