import { ApiError, notFound, uuidv7, zodDetails } from "@svc/platform";
import { auditedBatch } from "../../core/audit";
import { toUser } from "../../core/user-document";
import { decodeUser, findUser, insertUserQuery, userConflict, userEntry } from "../../core/users";
import type { Db } from "../../db/client";
import { writerOf } from "../../lib/actor";
import { assertLiveOrganization } from "../../lib/org-service";
import { defaultPermissions } from "../../lib/permissions";
import type { AppRouteHandler } from "../../lib/types";
import { toBuilder } from "./user-builders.dto";
import {
  type BuilderRecord,
  findBuilder,
  insertBuilder,
  markFinalizedQuery,
} from "./user-builders.repository";
import type { CreateBuilderRoute, FinalizeBuilderRoute, GetBuilderRoute } from "./user-builders.routes";
import { FinalDraftSchema } from "./user-builders.schemas";

/** A draft past its expiry that never became a user is gone. */
async function findUsableBuilder(db: Db, id: string): Promise<BuilderRecord> {
  const row = await findBuilder(db, id);
  if (!row || (!row.finalizedUserId && row.expiresAt <= Date.now())) throw notFound("User builder");
  return row;
}

export const createBuilder: AppRouteHandler<CreateBuilderRoute> = async (c) => {
  const { expiresInSeconds, ...draft } = c.req.valid("json");
  const now = Date.now();
  const row = await insertBuilder(writerOf(c), {
    id: uuidv7(now),
    draft: { ...draft, ...(draft.email ? { email: draft.email.toLowerCase() } : {}) },
    expiresAt: now + expiresInSeconds * 1000,
    finalizedUserId: null,
    createdAt: now,
    updatedAt: now,
  });
  return c.json({ data: toBuilder(row) }, 201);
};

export const getBuilder: AppRouteHandler<GetBuilderRoute> = async (c) => {
  const row = await findUsableBuilder(c.var.db, c.req.valid("param").id);
  return c.json({ data: toBuilder(row) }, 200);
};

async function finalizedUser(db: Db, builder: BuilderRecord) {
  const user = builder.finalizedUserId ? await findUser(db, builder.finalizedUserId) : null;
  if (!user) throw notFound("The user this draft became");
  return user;
}

export const finalizeBuilder: AppRouteHandler<FinalizeBuilderRoute> = async (c) => {
  const db = c.var.db;
  const builder = await findUsableBuilder(db, c.req.valid("param").id);
  if (builder.finalizedUserId) return c.json({ data: toUser(await finalizedUser(db, builder)) }, 200);
  const parsed = FinalDraftSchema.safeParse(builder.draft);
  if (!parsed.success) {
    throw new ApiError("INVALID_INPUT", "The draft is incomplete", {
      details: zodDetails(parsed.error, "draft"),
    });
  }
  const draft = parsed.data;
  if (draft.organizationId) await assertLiveOrganization(c, draft.organizationId);
  const now = Date.now();
  const id = uuidv7(now);
  try {
    const audit = draft.organizationId
      ? [userEntry(draft.organizationId, id, "user.create", { role: draft.role, builderId: builder.id })]
      : [];
    const [[row]] = await auditedBatch(
      writerOf(c),
      [
        {
          statement: insertUserQuery(db, {
            ...draft,
            id,
            status: "active",
            permissions: draft.permissions ?? defaultPermissions(draft.role),
            onboardingId: builder.id,
            createdAt: now,
            updatedAt: now,
          }),
          audit,
        },
        { statement: markFinalizedQuery(db, builder.id, id, now) },
      ],
      now,
    );
    return c.json({ data: toUser(decodeUser(row!)) }, 201);
  } catch (err) {
    // A concurrent finalize of the same draft won the insert: answer with its user.
    const again = await findBuilder(db, builder.id);
    if (again?.finalizedUserId) return c.json({ data: toUser(await finalizedUser(db, again)) }, 200);
    throw userConflict(err) ?? err;
  }
};
