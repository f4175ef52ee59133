import { env } from "cloudflare:workers";
import { readBothWays } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { user } from "../db/schema";
import { defaultPermissions } from "../lib/permissions";
import { toUser, userDocument } from "./user-document";
import { decodeUser, encodePermissions } from "./users";

// Member pages answer the JSON text SQLite writes; single reads and writes answer `toUser`.
// Both must give the same document for every kind of value a column can hold.
const rows = [
  {
    id: "00000000-0000-7000-8000-00000000d801",
    betterAuthUserId: "ba-plain",
    email: "plain@example.com",
    permissions: encodePermissions(defaultPermissions("member")),
    createdAt: 0,
    updatedAt: 1,
  },
  {
    id: "00000000-0000-7000-8000-00000000d802",
    betterAuthUserId: "ba-awkward",
    organizationId: "00000000-0000-7000-8000-00000000c001",
    email: "awkward@example.com",
    name: 'Zoë "Q" \\ 東京 😀 \n\t\u0001',
    profilePictureUrl: "https://cdn.example.com/p.png",
    onboardingId: "onb-1",
    // Stored with whitespace: the answer is the same JSON value either way.
    permissions: JSON.stringify(
      { ...defaultPermissions("owner"), chat: { enabled: false, components: ["a", "é"], lookbackWindow: 7 } },
      null,
      2,
    ),
    status: "active" as const,
    role: "owner" as const,
    createdAt: 1_700_000_000_123,
    updatedAt: 4_102_444_799_999,
  },
];

describe("user document", () => {
  it("SQLite's JSON text equals toUser for the same row", async () => {
    const read = await readBothWays(createDb(env.DB), user, user.id, userDocument.sql, rows);
    for (const { row, json } of read) expect(json).toStrictEqual(toUser(decodeUser(row)));
    const awkward = read[1]!.json;
    expect(awkward).toMatchObject({
      permissions: { chat: { enabled: false, components: ["a", "é"], lookbackWindow: 7 } },
      createdAt: "2023-11-14T22:13:20.123Z",
      updatedAt: "2099-12-31T23:59:59.999Z",
    });
    expect(awkward).not.toHaveProperty("deletedAt");
  });
});
