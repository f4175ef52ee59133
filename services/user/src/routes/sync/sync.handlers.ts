import { ApiError, logError, notFound, uuidv7 } from "@svc/platform";
import { toUser } from "../../core/user-document";
import { findUser, findUserByAuthId, updateUser, userConflict, userEntry } from "../../core/users";
import { writerOf } from "../../lib/actor";
import { orgService } from "../../lib/org-service";
import type { AppRouteHandler } from "../../lib/types";
import { provision } from "./provision";
import { claimLease } from "./sync.repository";
import type { SyncRoute, UpdateIdentityRoute } from "./sync.routes";

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
      const { user, created, autoJoin } = await provision(provisioner, input, lease.userId);
      return c.json({ data: toUser(user), ...(autoJoin ? { autoJoin } : {}) }, created ? 201 : 200);
    }
    if (Date.now() >= deadline) {
      throw new ApiError("SERVICE_UNAVAILABLE", "This user is still being provisioned; retry shortly", {
        headers: { "Retry-After": "1" },
      });
    }
    await wait(WAIT_STEP_MS);
  }
};

/** The audit entry goes to the user's organization; a user without one has no log to appear in. */
export const updateIdentity: AppRouteHandler<UpdateIdentityRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const { email, name } = c.req.valid("json");
  const current = await findUser(c.var.db, id);
  if (!current) throw notFound("User");
  const patch = {
    ...(email !== undefined ? { email: email.toLowerCase() } : {}),
    ...(name !== undefined ? { name } : {}),
  };
  const fields = Object.keys(patch);
  const audit = current.organizationId
    ? [userEntry(current.organizationId, id, "user.identity.update", { fields })]
    : [];
  let row: Awaited<ReturnType<typeof updateUser>>;
  try {
    row = await updateUser(writerOf(c), id, { ...patch, updatedAt: Date.now() }, audit);
  } catch (err) {
    throw userConflict(err) ?? err;
  }
  if (!row) throw notFound("User");
  return c.json({ data: toUser(row) }, 200);
};
