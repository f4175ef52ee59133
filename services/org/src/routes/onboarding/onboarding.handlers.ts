import { ApiError, logError, uniqueViolation } from "@svc/platform";
import { toApiKey } from "../../core/api-keys.dto";
import { deleteApiKeysStatement } from "../../core/api-keys.repository";
import { apiKeyWrite } from "../../core/api-keys.writes";
import { batchWrite } from "../../core/batch";
import { toOrganization } from "../../core/organizations.dto";
import { updateOrganizationStatement } from "../../core/organizations.repository";
import { discardOrganization, insertOrganization } from "../../core/organizations.writes";
import type { OrganizationRow } from "../../db/schema";
import { writerOf } from "../../lib/actor";
import type { AppRouteHandler } from "../../lib/types";
import { userService } from "../../lib/user-service";
import type { OnboardRoute } from "./onboarding.routes";

const failed = (dependency: string, cause: unknown) =>
  new ApiError("SERVICE_UNAVAILABLE", `${dependency} failed during onboarding; nothing was created`, {
    cause,
  });

/**
 * Three steps across two stores, with compensation instead of a transaction: the org (D1), the
 * owner (user service), then the creator link and first API key (one D1 batch). Each failure
 * undoes the steps before it.
 */
export const onboard: AppRouteHandler<OnboardRoute> = async (c) => {
  const input = c.req.valid("json");
  const writer = writerOf(c);
  const { db } = writer;
  let org: OrganizationRow;
  try {
    [org] = await insertOrganization(writer, {
      ...input.organization,
      betterAuthOrgId: input.organization.betterAuthOrgId ?? null,
      kind: "business",
      status: "active",
    });
  } catch (err) {
    if (uniqueViolation(err)?.includes("better_auth_org_id")) {
      throw new ApiError("CONFLICT", "An organization with this betterAuthOrgId exists");
    }
    throw err;
  }

  const users = userService(c);
  let owner: Awaited<ReturnType<typeof users.create>>;
  try {
    owner = await users.create({ ...input.owner, organizationId: org.id, role: "owner", status: "active" });
  } catch (err) {
    await discardOrganization(writer, org.id);
    if (err instanceof ApiError && err.code === "CONFLICT") throw err;
    throw failed("The user service", err);
  }

  const now = Date.now();
  const { key, write } = await apiKeyWrite(writer, org.id, input.apiKey, owner.id, now);
  const entry = { organizationId: org.id, resourceType: "organization", resourceId: org.id };
  try {
    const [created, updated] = await batchWrite(
      writer,
      [
        write,
        {
          statement: updateOrganizationStatement(db, org.id, { creatorId: owner.id }, now),
          audit: { ...entry, action: "organization.onboard", metadata: { ownerId: owner.id } },
        },
      ],
      now,
    );
    return c.json(
      {
        data: { organization: toOrganization(updated[0]!), owner, apiKey: { ...toApiKey(created[0]!), key } },
      },
      201,
    );
  } catch (err) {
    await users.remove(owner.id, org.id).catch((cause) => logError(c, cause));
    await discardOrganization(writer, org.id, [{ statement: deleteApiKeysStatement(db, org.id) }]);
    throw failed("D1", err);
  }
};
