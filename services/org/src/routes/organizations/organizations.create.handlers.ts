import { ApiError, type CallerUser, uniqueViolation } from "@svc/platform";
import type { Context } from "hono";
import { findOrganizationAnyState } from "../../core/lifecycle";
import { toOrganization } from "../../core/organizations.dto";
import { liveOrgs, undeleteStatement } from "../../core/organizations.repository";
import type { CreateOrganization } from "../../core/organizations.schemas";
import { discardOrganization, insertOrganization, softDeleteWrite } from "../../core/organizations.writes";
import type { OrganizationRow } from "../../db/schema";
import { evictPrincipal } from "../../lib/access";
import { writerOf } from "../../lib/actor";
import { etagOf } from "../../lib/etag";
import type { AppRouteHandler, OrgAppEnv } from "../../lib/types";
import { userService } from "../../lib/user-service";
import { findOrganizationByAuthId } from "./organizations.repository";
import type { CreateRoute } from "./organizations.routes";

const SERVICE_ONLY = ["betterAuthOrgId", "kind", "creatorId"] as const;

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const input = c.req.valid("json");
  const principal = c.get("principal");
  const row =
    principal?.kind === "user"
      ? await createAsUser(c, input, principal.user)
      : await createAsService(c, input);
  if ("existing" in row) {
    c.header("ETag", etagOf(row.existing.version));
    return c.json({ data: toOrganization(row.existing) }, 200);
  }
  c.header("ETag", etagOf(row.created.version));
  return c.json({ data: toOrganization(row.created) }, 201);
};

type Outcome = { created: OrganizationRow } | { existing: OrganizationRow };

/**
 * Service create: auth-service sync (idempotent on betterAuthOrgId) and personal-org provisioning.
 * An org born with an owner (personal, or a creatorId) is active; an ownerless one stays pending.
 */
async function createAsService(c: Context<OrgAppEnv>, input: CreateOrganization): Promise<Outcome> {
  const db = c.var.db;
  const known = async () => {
    if (!input.betterAuthOrgId) return null;
    const found = await findOrganizationByAuthId(db, input.betterAuthOrgId);
    if (found?.deletedAt)
      throw new ApiError("CONFLICT", "The organization with this betterAuthOrgId was deleted");
    return found;
  };
  const existing = await known();
  if (existing) return { existing };
  const kind = input.kind ?? "business";
  try {
    const [created] = await insertOrganization(writerOf(c), {
      name: input.name,
      slug: input.slug,
      description: input.description ?? null,
      websiteUrl: input.websiteUrl ?? null,
      betterAuthOrgId: input.betterAuthOrgId ?? null,
      kind,
      status: kind === "personal" || input.creatorId ? "active" : "pending",
      creatorId: input.creatorId ?? null,
    });
    return { created };
  } catch (err) {
    // A concurrent sync of the same betterAuthOrgId won the insert: answer with its row.
    if (uniqueViolation(err)?.includes("better_auth_org_id")) {
      const winner = await known();
      if (winner) return { existing: winner };
    }
    throw err;
  }
}

/**
 * A user may found an organization when the user service's move-out rule lets them leave theirs:
 * alone in a personal org (retired in the creating batch) or in a deleted org (left as it is).
 * Only the request whose batch actually retired the personal org goes on: a concurrent create by
 * the same user that finds it already retired discards its own org and answers 409. If the user
 * service cannot move them, the writes are undone and the answer is 503.
 */
async function createAsUser(
  c: Context<OrgAppEnv>,
  input: CreateOrganization,
  user: CallerUser,
): Promise<Outcome> {
  const forbidden = SERVICE_ONLY.filter((field) => input[field] !== undefined);
  if (forbidden.length > 0) {
    throw new ApiError("INVALID_INPUT", "Only a service may set these fields", {
      details: forbidden.map((field) => ({ path: `body.${field}`, message: "Service only" })),
    });
  }
  const db = c.var.db;
  const users = userService(c);
  const current = await findOrganizationAnyState(db, user.organizationId);
  const verdict = await users.moveOutCheck(user.id, {
    organizationId: user.organizationId,
    kind: current?.kind ?? "business",
    deleted: current?.deletedAt !== null,
  });
  if (!verdict) throw new ApiError("SERVICE_UNAVAILABLE", "The user service no longer knows your user");
  if (!verdict.allowed)
    throw new ApiError("CONFLICT", verdict.reason ?? "You cannot leave your organization");

  const writer = writerOf(c);
  const now = Date.now();
  const [created, retired] = await insertOrganization(
    writer,
    {
      name: input.name,
      slug: input.slug,
      description: input.description ?? null,
      websiteUrl: input.websiteUrl ?? null,
      kind: "business",
      status: "active",
      creatorId: user.id,
    },
    verdict.retire ? [softDeleteWrite(db, user.organizationId, now, { reason: "owner_moved" })] : [],
  );

  if (verdict.retire && (retired as unknown[]).length === 0) {
    await discardOrganization(writer, created.id);
    throw new ApiError(
      "CONFLICT",
      "Another request has already created an organization from your personal organization",
    );
  }

  const undo = (reason: string) =>
    discardOrganization(
      writer,
      created.id,
      verdict.retire
        ? [
            {
              statement: undeleteStatement(db, user.organizationId, now),
              audit: {
                organizationId: user.organizationId,
                action: "organization.restore",
                resourceType: "organization",
                resourceId: user.organizationId,
                metadata: { reason },
              },
              counter: liveOrgs(1),
            },
          ]
        : [],
    );

  let moved: Awaited<ReturnType<typeof users.moveMembership>>;
  try {
    moved = await users.moveMembership(user.id, {
      organizationId: created.id,
      role: "owner",
      fromOrganizationId: user.organizationId,
    });
  } catch (err) {
    await undo("move_failed");
    // The user left the organization meanwhile: this org is discarded, not ownerless.
    if (err instanceof ApiError && err.code === "CONFLICT") throw err;
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      "The user service could not move you into the new organization",
      {
        cause: err,
      },
    );
  }
  if (!moved) {
    await undo("user_missing");
    throw new ApiError("SERVICE_UNAVAILABLE", "The user service no longer knows your user");
  }
  evictPrincipal(user.betterAuthUserId);
  return { created };
}
