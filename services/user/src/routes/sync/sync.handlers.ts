import { ApiError, logError, uuidv7 } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { findUserByAuthId } from "../../core/users";
import { writerOf } from "../../lib/actor";
import { orgService } from "../../lib/org-service";
import type { AppRouteHandler } from "../../lib/types";
import { provision } from "./provision";
import { claimLease } from "./sync.repository";
import type { SyncRoute } from "./sync.routes";

const WAIT_STEP_MS = 100;
/** A concurrent caller waits about as long as one org-service call may take, then asks for a retry. */
const WAIT_LIMIT_MS = 6_000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const sync: AppRouteHandler<SyncRoute> = async (c) => {
  const input = c.req.valid("json");
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const existing = await findUserByAuthId(c.var.db, input.betterAuthUserId);
    if (existing?.organizationId) return c.json({ data: toUser(existing) }, 200);
    const lease = await claimLease(c.var.db, input.betterAuthUserId, existing?.id ?? uuidv7());
    if (lease) {
      const provisioner = {
        ...writerOf(c),
        orgs: orgService(c),
        logError: (err: unknown) => logError(c, err),
      };
      const { user, created } = await provision(provisioner, input, lease.userId);
      return c.json({ data: toUser(user) }, created ? 201 : 200);
    }
    if (Date.now() >= deadline) {
      throw new ApiError("SERVICE_UNAVAILABLE", "This user is still being provisioned; retry shortly", {
        headers: { "Retry-After": "1" },
      });
    }
    await wait(WAIT_STEP_MS);
  }
};
