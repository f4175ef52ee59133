import { env } from "cloudflare:workers";
import { readBothWays } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { createDb } from "../db/client";
import { organization } from "../db/schema";
import { organizationDocument, toOrganization } from "./organizations.dto";

// List pages answer the JSON text SQLite writes; single reads and writes answer `toOrganization`.
// Both must give the same document for every kind of value a column can hold.
const rows = [
  {
    id: "00000000-0000-7000-8000-00000000d701",
    name: "Plain",
    slug: "plain",
    createdAt: 0,
    updatedAt: 1,
  },
  {
    id: "00000000-0000-7000-8000-00000000d702",
    betterAuthOrgId: "ba-org-1",
    name: 'Quote " back\\slash \n new line \t tab \u0001 ctrl',
    slug: "awkward",
    description: "Ünïcödé — 東京 😀 \u2028 end",
    logoUrl: "https://cdn.example.com/logo.png",
    websiteUrl: "https://example.com",
    status: "active" as const,
    kind: "personal" as const,
    subscriptionTier: "enterprise" as const,
    subscriptionStatus: "past_due" as const,
    stripeCustomerId: "cus_123",
    seats: 250,
    creatorId: "00000000-0000-7000-8000-00000000c001",
    createdAt: 1_700_000_000_123,
    updatedAt: 4_102_444_799_999,
  },
];

describe("organization document", () => {
  it("SQLite's JSON text equals toOrganization for the same row", async () => {
    const read = await readBothWays(
      createDb(env.DB),
      organization,
      organization.id,
      organizationDocument.sql,
      rows,
    );
    for (const { row, json } of read) expect(json).toStrictEqual(toOrganization(row));
    const awkward = read[1]!.json;
    expect(awkward).toMatchObject({
      createdAt: "2023-11-14T22:13:20.123Z",
      updatedAt: "2099-12-31T23:59:59.999Z",
      seats: 250,
    });
    expect(awkward).not.toHaveProperty("stripeCustomerId");
  });
});
